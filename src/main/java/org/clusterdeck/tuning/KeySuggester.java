package org.clusterdeck.tuning;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the real key a mistyped one was meant to be. Ranks candidates by edit distance of the
 * last component, minus a bonus for whole words shared ("panic_on_overshoot" is closer to
 * "panic_on_oom" than to "overcommit_memory"), with a penalty when the prefix differs.
 */
final class KeySuggester {
    private KeySuggester() {
    }

    static Optional<String> closest(String key, Collection<String> candidates) {
        String best = null;
        double bestScore = Double.MAX_VALUE;
        for (String c : candidates) {
            double s = score(key, c);
            if (s < bestScore || (s == bestScore && best != null && c.compareTo(best) < 0)) {
                bestScore = s;
                best = c;
            }
        }
        return best != null && plausible(key, best, bestScore) ? Optional.of(best) : Optional.empty();
    }

    static double score(String typed, String candidate) {
        String tLeaf = leaf(typed);
        String cLeaf = leaf(candidate);
        double s = levenshtein(tLeaf, cLeaf);
        s -= 2.0 * sharedWords(tLeaf, cLeaf);
        if (!prefix(typed).equals(prefix(candidate))) {
            s += 4 + 0.5 * levenshtein(prefix(typed), prefix(candidate));
        }
        return s;
    }

    private static boolean plausible(String typed, String best, double score) {
        String t = leaf(typed);
        return sharedWords(t, leaf(best)) > 0 || levenshtein(t, leaf(best)) <= Math.max(2, t.length() / 3)
                || score <= 3;
    }

    private static String leaf(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    private static String prefix(String key) {
        int dot = key.lastIndexOf('.');
        return dot < 0 ? "" : key.substring(0, dot);
    }

    private static int sharedWords(String a, String b) {
        Set<String> wa = new HashSet<>(Arrays.asList(a.split("[_-]")));
        int n = 0;
        for (String w : new HashSet<>(Arrays.asList(b.split("[_-]")))) {
            if (!w.isEmpty() && wa.contains(w)) {
                n++;
            }
        }
        return n;
    }

    static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
