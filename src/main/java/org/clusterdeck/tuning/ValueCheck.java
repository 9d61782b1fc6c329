package org.clusterdeck.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Checks one proposed value against its catalog entry and returns it in the kernel's own spelling. */
final class ValueCheck {
    /** Either a normalized value or a problem with a fix. */
    record Verdict(String normalized, String problem, String fix) {
        boolean ok() {
            return problem == null;
        }

        static Verdict ok(String v) {
            return new Verdict(v, null, null);
        }

        static Verdict bad(String problem, String fix) {
            return new Verdict(null, problem, fix);
        }
    }

    private ValueCheck() {
    }

    /** Collapses runs of blanks and tabs the way {@code sysctl} prints multi-number values. */
    static String normalizeBlanks(String v) {
        return v == null ? null : v.trim().replaceAll("\\s+", " ");
    }

    static Verdict check(SysctlSpec spec, String raw, Map<String, String> hostValues) {
        String v = normalizeBlanks(raw);
        if (v.isEmpty()) {
            return Verdict.bad("no value given", "write " + spec.key() + " = " + example(spec));
        }
        return switch (spec.type()) {
            case INT -> checkInt(spec, v);
            case INTS -> checkInts(spec, v);
            case ENUM -> checkWord(spec, v, spec.allowed());
            case STRING -> checkWord(spec, v, spec.allowedFromKey() == null ? spec.allowed()
                    : hostWords(hostValues, spec.allowedFromKey()));
            case REMOVED -> Verdict.bad(spec.description(), "delete this line");
        };
    }

    private static List<String> hostWords(Map<String, String> hostValues, String key) {
        String listed = hostValues == null ? null : hostValues.get(key);
        return listed == null ? List.of() : Arrays.asList(listed.trim().split("\\s+"));
    }

    private static Verdict checkInt(SysctlSpec spec, String v) {
        Long n = parse(v);
        if (n == null) {
            return Verdict.bad("'" + v + "' is not an integer; " + spec.key() + " takes one integer in "
                    + spec.rangeText(), "write one integer, e.g. " + example(spec));
        }
        return inRange(spec, n) ? Verdict.ok(Long.toString(n))
                : Verdict.bad(n + " is out of range " + spec.rangeText(), "use a value in " + spec.rangeText());
    }

    private static Verdict checkInts(SysctlSpec spec, String v) {
        String[] parts = v.split(" ");
        String shape = spec.count() + " integers separated by a space, e.g. " + example(spec);
        if (parts.length == 1 && v.matches("\\d+[-:,]\\d+(?:[-:,]\\d+)*")) {
            String spaced = v.replaceAll("[-:,]", " ");
            return Verdict.bad("'" + v + "' is not how the kernel reads this key; it expects " + shape,
                    "write " + spec.key() + " = " + spaced);
        }
        if (parts.length != spec.count()) {
            return Verdict.bad("'" + v + "' has " + parts.length + " number" + (parts.length == 1 ? "" : "s")
                    + "; " + spec.key() + " expects " + shape, "write " + spec.key() + " = " + example(spec));
        }
        List<String> out = new ArrayList<>();
        long previous = Long.MIN_VALUE;
        for (String p : parts) {
            Long n = parse(p);
            if (n == null) {
                return Verdict.bad("'" + p + "' is not an integer; " + spec.key() + " expects " + shape,
                        "write " + spec.key() + " = " + example(spec));
            }
            if (!inRange(spec, n)) {
                return Verdict.bad(n + " is out of range: each number must be in " + spec.min() + ".." + spec.max(),
                        "use numbers in " + spec.min() + ".." + spec.max());
            }
            if (n < previous) {
                return Verdict.bad("'" + v + "' is not in non-decreasing order (the kernel refuses a first value above the last)",
                        "write the smaller number first");
            }
            previous = n;
            out.add(Long.toString(n));
        }
        return Verdict.ok(String.join(" ", out));
    }

    private static Verdict checkWord(SysctlSpec spec, String v, List<String> allowed) {
        if (!v.matches("[A-Za-z0-9_.-]+")) {
            return Verdict.bad("'" + v + "' is not a single word", "write one of: " + String.join(", ", allowed));
        }
        if (allowed.isEmpty() || allowed.contains(v)) {
            return Verdict.ok(v);
        }
        String where = spec.allowedFromKey() != null ? " (what this host lists in " + spec.allowedFromKey() + ")" : "";
        return Verdict.bad("'" + v + "' is not allowed; " + spec.key() + " takes " + SysctlSpec.wordsList(allowed) + where,
                "use one of: " + String.join(", ", allowed));
    }

    private static boolean inRange(SysctlSpec spec, long n) {
        return n >= spec.min() && n <= spec.max();
    }

    private static Long parse(String s) {
        if (!s.matches("-?\\d{1,19}")) {
            return null;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String example(SysctlSpec spec) {
        if (spec.kernelDefault() != null) {
            return spec.kernelDefault();
        }
        return switch (spec.type()) {
            case INTS -> String.join(" ", java.util.Collections.nCopies(spec.count(), Long.toString(Math.max(spec.min(), 1))));
            case ENUM, STRING -> spec.allowed().isEmpty() ? "value" : spec.allowed().get(0);
            default -> Long.toString(Math.max(spec.min(), 0));
        };
    }
}
