package org.clusterdeck.tuning;

import java.util.List;
import java.util.Optional;

/**
 * One catalog entry: what a sysctl key means, which values it takes, its kernel default and
 * whether it belongs to a network namespace (so a lab host may change it without touching the
 * machine it runs on).
 *
 * @param count         number of integers for {@link SysctlType#INTS}, else 1
 * @param min           lowest integer allowed (INT, INTS)
 * @param max           highest integer allowed (INT, INTS)
 * @param allowed       the allowed words (ENUM, STRING); empty means any word
 * @param allowedFromKey for STRING: the host key whose value lists the allowed words, or null
 * @param kernelDefault the built-in value, or null when the kernel computes it ("auto")
 */
public record SysctlSpec(String key, SysctlType type, int count, long min, long max, List<String> allowed,
                         String allowedFromKey, String kernelDefault, Risk risk, boolean perNetns,
                         String description, String source) {

    public SysctlSpec {
        allowed = List.copyOf(allowed);
    }

    public Optional<String> defaultValue() {
        return Optional.ofNullable(kernelDefault);
    }

    /** The valid values in words, for messages and the preview: "1024..65535", "0, 1 or 2". */
    public String rangeText() {
        return switch (type) {
            case INT -> min + ".." + max;
            case INTS -> count + " integers, each " + min + ".." + max + ", in non-decreasing order";
            case ENUM, STRING -> allowedFromKey != null ? "a value listed in " + allowedFromKey
                    : allowed.isEmpty() ? "any word" : wordsList(allowed);
            case REMOVED -> "none (removed from the kernel)";
        };
    }

    static String wordsList(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
    }
}
