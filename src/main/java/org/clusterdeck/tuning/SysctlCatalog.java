package org.clusterdeck.tuning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The sysctl keys ClusterDeck knows: meaning, valid values, default, risk and namespace scope. */
public final class SysctlCatalog {
    public static final String RESOURCE = "/tuning/sysctl-catalog.tsv";

    private final Map<String, SysctlSpec> specs;

    private SysctlCatalog(Map<String, SysctlSpec> specs) {
        this.specs = Collections.unmodifiableMap(specs);
    }

    /** The catalog shipped with ClusterDeck. */
    public static SysctlCatalog load() {
        try (InputStream in = SysctlCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The sysctl catalog " + RESOURCE + " is missing from the build.");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the sysctl catalog: " + e.getMessage(), e);
        }
    }

    /** Parses catalog text in the resource's tab-separated format. */
    public static SysctlCatalog parse(String tsv) {
        Map<String, SysctlSpec> specs = new LinkedHashMap<>();
        int lineNo = 0;
        for (String line : tsv.split("\n", -1)) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#") || line.startsWith("key\t")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 8) {
                throw new IllegalArgumentException("sysctl catalog line " + lineNo + ": expected 8 tab-separated fields, found " + f.length);
            }
            SysctlSpec spec = spec(f, lineNo);
            specs.put(spec.key(), spec);
        }
        return new SysctlCatalog(specs);
    }

    private static SysctlSpec spec(String[] f, int lineNo) {
        SysctlType type = SysctlType.valueOf(f[1].toUpperCase(Locale.ROOT));
        String range = f[2];
        int count = 1;
        long min = Long.MIN_VALUE;
        long max = Long.MAX_VALUE;
        List<String> allowed = List.of();
        String fromKey = null;
        switch (type) {
            case INTS -> {
                int colon = range.indexOf(':');
                count = Integer.parseInt(range.substring(0, colon));
                range = range.substring(colon + 1);
                long[] mm = minMax(range, lineNo);
                min = mm[0];
                max = mm[1];
            }
            case INT -> {
                long[] mm = minMax(range, lineNo);
                min = mm[0];
                max = mm[1];
            }
            case ENUM -> allowed = List.of(range.split("\\|"));
            case STRING -> {
                if (range.startsWith("@")) {
                    fromKey = range.substring(1);
                } else if (!range.isEmpty()) {
                    allowed = List.of(range.split("\\|"));
                }
            }
            case REMOVED -> { }
        }
        String def = f[3].equals("auto") || f[3].isEmpty() ? null : f[3];
        return new SysctlSpec(f[0], type, count, min, max, allowed, fromKey, def,
                Risk.valueOf(f[4].toUpperCase(Locale.ROOT)), f[5].equals("yes"), f[6], f[7]);
    }

    private static long[] minMax(String range, int lineNo) {
        int dots = range.indexOf("..");
        if (dots < 0) {
            throw new IllegalArgumentException("sysctl catalog line " + lineNo + ": range '" + range + "' lacks '..'");
        }
        String lo = range.substring(0, dots);
        String hi = range.substring(dots + 2);
        return new long[] {lo.isEmpty() ? Long.MIN_VALUE : Long.parseLong(lo), hi.isEmpty() ? Long.MAX_VALUE : Long.parseLong(hi)};
    }

    public Optional<SysctlSpec> find(String key) {
        return Optional.ofNullable(specs.get(key));
    }

    public Collection<SysctlSpec> all() {
        return specs.values();
    }

    public int size() {
        return specs.size();
    }

    /**
     * The real key closest to a mistyped one, among the catalog's keys (except removed ones) and
     * the keys the host has (empty when the host is not known).
     */
    public Optional<String> suggest(String key, Collection<String> hostKeys) {
        TreeSet<String> candidates = new TreeSet<>(hostKeys);
        for (SysctlSpec s : specs.values()) {
            if (s.type() != SysctlType.REMOVED) {
                candidates.add(s.key());
            }
        }
        candidates.remove(key);
        return KeySuggester.closest(key, candidates);
    }

    /** The "kernel defaults" profile: every key whose built-in value does not depend on the machine. */
    public TuningProfile kernelDefaultsProfile() {
        List<ProfileSetting> settings = new ArrayList<>();
        for (SysctlSpec s : specs.values()) {
            if (s.type() != SysctlType.REMOVED && s.kernelDefault() != null) {
                settings.add(new ProfileSetting(s.key(), s.kernelDefault(), "Kernel default."));
            }
        }
        return new TuningProfile("defaults", "Kernel defaults",
                "Puts every catalog key with a fixed built-in value back to it; keys the kernel sizes at boot are left alone.",
                settings);
    }
}
