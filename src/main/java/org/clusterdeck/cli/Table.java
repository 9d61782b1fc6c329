package org.clusterdeck.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Output of the listing commands: an aligned text table, or with {@code --json} an array of
 * objects whose field names are the table's column names in camelCase ("SSH PORT" → sshPort).
 */
final class Table {
    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();

    Table(String... columns) {
        this.columns = List.of(columns);
    }

    Table row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("expected " + columns.size() + " values");
        }
        rows.add(java.util.Arrays.asList(values));
        return this;
    }

    void print(PrintWriter out, boolean json) {
        if (json) {
            printJson(out);
        } else {
            printText(out);
        }
        out.flush();
    }

    static String jsonKey(String column) {
        String[] words = column.toLowerCase(Locale.ROOT).split("[^a-z0-9]+");
        StringBuilder key = new StringBuilder();
        for (String w : words) {
            if (w.isEmpty()) {
                continue;
            }
            key.append(key.length() == 0 ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return key.toString();
    }

    private void printJson(PrintWriter out) {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> o = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                o.put(jsonKey(columns.get(i)), row.get(i));
            }
            objects.add(o);
        }
        out.println(Json.write(objects));
    }

    private void printText(PrintWriter out) {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (List<Object> row : rows) {
                widths[i] = Math.max(widths[i], cell(row.get(i)).length());
            }
        }
        out.println(line(columns.stream().map(Object.class::cast).toList(), widths));
        for (List<Object> row : rows) {
            out.println(line(row, widths));
        }
        if (rows.isEmpty()) {
            out.println("(none)");
        }
    }

    private static String line(List<Object> cells, int[] widths) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cell(cells.get(i));
            b.append(c);
            if (i < cells.size() - 1) {
                b.append(" ".repeat(widths[i] - c.length() + 2));
            }
        }
        return b.toString().stripTrailing();
    }

    private static String cell(Object v) {
        return v == null ? "-" : org.clusterdeck.inventory.HostValidator.printable(String.valueOf(v));
    }
}
