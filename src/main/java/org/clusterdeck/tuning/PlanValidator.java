package org.clusterdeck.tuning;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.ArrayList;
import java.util.regex.Pattern;

/**
 * Checks requested settings against the catalog and, when known, against the keys the host
 * really has. Without a host, a list of every key of a recent kernel tells a real key the
 * catalog does not describe from a typo.
 */
public final class PlanValidator {
    public static final String KERNEL_KEYS_RESOURCE = "/tuning/kernel-keys.txt";
    private static final Pattern KEY_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.*:-]*");
    private static final Pattern DEVICE_KEY = Pattern.compile("^(net\\.ipv[46]\\.(?:conf|neigh))\\.[^.]+\\.(.+)$");
    private static volatile Set<String> kernelKeys;

    private final SysctlCatalog catalog;

    public PlanValidator(SysctlCatalog catalog) {
        this.catalog = catalog;
    }

    /** Validates against the catalog (and the list of real kernel keys) alone. */
    public ValidationReport validate(List<SettingInput> inputs) {
        return validate(inputs, null, false);
    }

    /**
     * Validates for one host. With {@code sharedKernel} (a lab host: a network namespace of this
     * machine) keys that are not per namespace are left out, since they would change the machine.
     */
    public ValidationReport validate(List<SettingInput> inputs, HostSysctls host, boolean sharedKernel) {
        Map<String, ValidSetting> accepted = new LinkedHashMap<>();
        Map<String, Integer> firstLine = new LinkedHashMap<>();
        List<PlanIssue> issues = new ArrayList<>();
        Map<String, String> hostValues = host == null ? Map.of() : host.values();
        for (SettingInput in : inputs) {
            String key = in.key().strip();
            String value = in.value() == null ? "" : in.value();
            Issues out = new Issues(issues, in, key, value);
            if (!KEY_NAME.matcher(key).matches()) {
                out.error("'" + key + "' is not a sysctl key name (letters, digits, '_', '-' and dots)", "check the line");
                continue;
            }
            if (value.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
                out.error(key + ": the value contains a line break or control character, which would corrupt "
                        + "the sysctl.conf file", "write the value on one line");
                continue;
            }
            Optional<String> refused = SecurityKeys.refusal(key, value);
            if (refused.isPresent()) {
                out.error(refused.get(), "delete this line");
                continue;
            }
            Optional<SysctlSpec> spec = catalog.find(key);
            if (spec.isPresent() && spec.get().type() == SysctlType.REMOVED) {
                out.error(key + " does not exist any more: " + spec.get().description(), "delete this line");
                continue;
            }
            boolean exists = host != null ? host.has(key) : spec.isPresent() || kernelKeys().contains(fold(key));
            if (!exists) {
                if (spec.isPresent() && sharedKernel && !spec.get().perNetns()) {
                    out.warn(globalOnLab(key), "apply it to a real host instead");
                } else if (spec.isPresent()) {
                    out.error("this host's kernel has no " + key + " (not visible in its network namespace, a module not loaded, or an older kernel)",
                            "remove it from the plan for this host");
                } else {
                    unknownKey(out, key, value, host);
                }
                continue;
            }
            if (sharedKernel && !spec.map(SysctlSpec::perNetns).orElseGet(() -> looksPerNetns(key))) {
                out.warn(globalOnLab(key), "apply it to a real host instead");
                continue;
            }
            String normalized;
            if (spec.isEmpty()) {
                out.warn(key + " is not in ClusterDeck's catalog: only the kernel will check the value", null);
                normalized = ValueCheck.normalizeBlanks(value);
            } else {
                ValueCheck.Verdict v = ValueCheck.check(spec.get(), value, hostValues);
                if (!v.ok()) {
                    out.error(key + ": " + v.problem(), v.fix());
                    continue;
                }
                normalized = v.normalized();
            }
            SecurityKeys.weakening(key, normalized)
                    .ifPresent(w -> out.warn(w, "keep the safe value unless a tool you need requires this"));
            Integer earlier = firstLine.putIfAbsent(key, in.line());
            if (earlier != null) {
                out.warn(key + " is set twice" + (earlier > 0 ? " (also on line " + earlier + ")" : "") + "; the later value wins", "keep one line");
                accepted.remove(key);
            }
            accepted.put(key, new ValidSetting(key, normalized, in.why(), spec.orElse(null), in.line()));
        }
        return new ValidationReport(List.copyOf(accepted.values()), issues);
    }

    private void unknownKey(Issues out, String key, String value, HostSysctls host) {
        Collection<String> real = host != null ? host.keys() : kernelKeys();
        Optional<String> suggestion = catalog.suggest(key, real);
        String where = host != null ? "this host has no such key" : "Linux has no such key";
        if (suggestion.isEmpty()) {
            out.error("unknown key " + key + ": " + where, "check the spelling against the kernel documentation, or delete the line");
            return;
        }
        String s = suggestion.get();
        String fix = "replace with " + s + " = " + value.strip();
        Optional<SysctlSpec> spec = catalog.find(s);
        if (spec.isPresent()) {
            ValueCheck.Verdict v = ValueCheck.check(spec.get(), value, host == null ? Map.of() : host.values());
            if (!v.ok()) {
                fix = "replace with " + s + " and a valid value (" + spec.get().rangeText() + ")";
            }
        }
        out.error("unknown key " + key + ": " + where + "; did you mean " + s + "?", fix);
    }

    private static String globalOnLab(String key) {
        return key + " is global to the kernel, not per network namespace: on a lab host it would change this whole machine, so it is left out";
    }

    private static boolean looksPerNetns(String key) {
        return key.startsWith("net.ipv4.") || key.startsWith("net.ipv6.") || key.startsWith("net.netfilter.")
                || key.startsWith("net.unix.");
    }

    /** Device-specific keys (net.ipv4.conf.eth0.x) are known when their "all" form is. */
    private static String fold(String key) {
        return DEVICE_KEY.matcher(key).replaceFirst("$1.all.$2");
    }

    /** Every key of a recent Linux kernel, shipped as a resource. */
    public static Set<String> kernelKeys() {
        Set<String> keys = kernelKeys;
        if (keys == null) {
            Set<String> loaded = new TreeSet<>();
            try (InputStream in = PlanValidator.class.getResourceAsStream(KERNEL_KEYS_RESOURCE)) {
                if (in != null) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isBlank() && !line.startsWith("#")) {
                            loaded.add(line.strip());
                        }
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read " + KERNEL_KEYS_RESOURCE + ": " + e.getMessage(), e);
            }
            keys = java.util.Collections.unmodifiableSet(loaded);
            kernelKeys = keys;
        }
        return keys;
    }

    /** Collects the issues of one input line. */
    private record Issues(List<PlanIssue> list, SettingInput in, String key, String value) {
        void error(String message, String fix) {
            list.add(new PlanIssue(Severity.ERROR, in.line(), in.column(), key, value, message, fix));
        }

        void warn(String message, String fix) {
            list.add(new PlanIssue(Severity.WARNING, in.line(), in.column(), key, value, message, fix));
        }
    }
}
