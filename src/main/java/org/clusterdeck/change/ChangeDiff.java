package org.clusterdeck.change;

import java.util.ArrayList;
import java.util.List;

/** A unified diff of two texts (line based, 3 lines of context), for history and the Changes view. */
public final class ChangeDiff {
    private static final int CONTEXT = 3;
    /** Beyond this many lines on both sides the LCS table gets big: show the texts whole instead. */
    private static final int MAX_LINES = 4000;

    private ChangeDiff() {
    }

    /** The diff with "--- before" / "+++ after" headers; null texts are absent files. Empty when equal. */
    public static String unified(String before, String after, String name) {
        if (java.util.Objects.equals(before, after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(before == null ? "/dev/null" : "before/" + name).append('\n');
        out.append("+++ ").append(after == null ? "/dev/null" : "after/" + name).append('\n');
        if (a.size() > MAX_LINES || b.size() > MAX_LINES) {
            out.append("@@ -1,").append(a.size()).append(" +1,").append(b.size()).append(" @@\n");
            a.forEach(l -> out.append('-').append(l).append('\n'));
            b.forEach(l -> out.append('+').append(l).append('\n'));
            return out.toString();
        }
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        // edit script: ' ' keep, '-' delete, '+' insert, with positions in a and b
        List<int[]> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                ops.add(new int[] {' ', i++, j++});
            } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
                ops.add(new int[] {'-', i++, j}); // deletions before insertions, as diff -u prints them
            } else {
                ops.add(new int[] {'+', i, j++});
            }
        }
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k)[0] == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            int lastChange = k;
            while (end < ops.size() && (ops.get(end)[0] != ' ' || end - lastChange <= 2 * CONTEXT)) {
                if (ops.get(end)[0] != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + CONTEXT + 1);
            int aStart = ops.get(start)[1];
            int bStart = ops.get(start)[2];
            int aCount = 0;
            int bCount = 0;
            StringBuilder hunk = new StringBuilder();
            for (int h = start; h < end; h++) {
                int[] op = ops.get(h);
                String line = op[0] == '+' ? b.get(op[2]) : a.get(op[1]);
                hunk.append((char) op[0]).append(line).append('\n');
                aCount += op[0] != '+' ? 1 : 0;
                bCount += op[0] != '-' ? 1 : 0;
            }
            out.append("@@ -").append(aCount == 0 ? aStart : aStart + 1).append(',').append(aCount)
                    .append(" +").append(bCount == 0 ? bStart : bStart + 1).append(',').append(bCount).append(" @@\n").append(hunk);
            k = end;
        }
        if (before != null && !before.isEmpty() && !before.endsWith("\n") || after != null && !after.isEmpty() && !after.endsWith("\n")) {
            out.append("\\ (one side has no newline at its end)\n");
        }
        return out.toString();
    }

    private static List<String> lines(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        return List.of(s.split("\n", -1)).subList(0, s.endsWith("\n") ? s.split("\n", -1).length - 1 : s.split("\n", -1).length);
    }
}
