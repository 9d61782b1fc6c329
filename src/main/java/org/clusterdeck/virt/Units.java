package org.clusterdeck.virt;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people type them ("8GiB", "512 MiB", "40G", "1.5TiB") and as libvirt writes them
 * (a number with a {@code unit} attribute). Binary units throughout: G and GB mean GiB, as in
 * virsh and qemu-img.
 */
public final class Units {
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*");
    public static final long KIB = 1024;
    public static final long MIB = KIB * 1024;
    public static final long GIB = MIB * 1024;
    public static final long TIB = GIB * 1024;

    private Units() {
    }

    /** Parses a size into bytes; a bare number means {@code defaultUnit}. */
    public static long parseBytes(String text, String defaultUnit) {
        if (text == null || text.isBlank()) {
            throw new VirtException("INVALID", "A size is required, e.g. 8GiB or 512MiB.");
        }
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw new VirtException("INVALID", "'" + printable(text) + "' is not a size; write a number and a unit, "
                    + "e.g. 8GiB, 512MiB or 40G.");
        }
        String unit = m.group(2).isEmpty() ? defaultUnit : m.group(2);
        long factor = factor(unit);
        if (factor < 0) {
            throw new VirtException("INVALID", "'" + printable(unit) + "' is not a size unit; use KiB, MiB, GiB or TiB "
                    + "(e.g. 8GiB).");
        }
        double bytes = Double.parseDouble(m.group(1)) * factor;
        if (bytes > Long.MAX_VALUE / 2) {
            throw new VirtException("INVALID", "'" + printable(text) + "' is too large.");
        }
        return (long) bytes;
    }

    public static long parseMib(String text) {
        return parseBytes(text, "MiB") / MIB;
    }

    public static long parseGib(String text) {
        return parseBytes(text, "GiB") / GIB;
    }

    private static long factor(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "b", "bytes" -> 1;
            case "k", "kb", "kib" -> KIB;
            case "m", "mb", "mib" -> MIB;
            case "g", "gb", "gib" -> GIB;
            case "t", "tb", "tib" -> TIB;
            default -> -1;
        };
    }

    /** Converts a libvirt amount with its unit attribute (default KiB, as in {@code <memory>}) to KiB. */
    public static long toKib(long value, String unit) {
        if (unit == null || unit.isEmpty()) {
            return value;
        }
        long f = factor(unit);
        if (f < 0) {
            throw new VirtException("INVALID", "Unknown unit '" + unit + "' in a libvirt description.");
        }
        return f >= KIB ? value * (f / KIB) : value / KIB;
    }

    /** A size for people: "8 GiB", "512 MiB", "1.5 TiB". */
    public static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int i = 0;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[i];
    }

    public static String printable(String s) {
        return org.clusterdeck.text.TerminalText.line(s);
    }
}
