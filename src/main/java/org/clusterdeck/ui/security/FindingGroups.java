package org.clusterdeck.ui.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.clusterdeck.scan.Finding;
import org.clusterdeck.scan.FindingState;
import org.clusterdeck.scan.StoredFinding;

/**
 * The findings table's shape: findings filtered (host, severity at least, states, text), then
 * grouped by host (hosts in name order) and within a host by severity label, worst first. Pure
 * functions over stored findings, so the view model and its tests share them.
 */
final class FindingGroups {
    private FindingGroups() {
    }

    /** The CVSS labels from worst to least, with the lowest score each starts at. */
    static final Map<String, Double> LABELS = labels();

    private static Map<String, Double> labels() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("Critical", 9.0);
        m.put("High", 7.0);
        m.put("Medium", 4.0);
        m.put("Low", 0.1);
        m.put("None", 0.0);
        return m;
    }

    /** What the table shows; {@code host} null = every host, {@code text} "" = no text filter. */
    record Filter(String host, double minSeverity, Set<FindingState> states, String text) {
        Filter {
            states = states.isEmpty() ? EnumSet.noneOf(FindingState.class) : EnumSet.copyOf(states);
            text = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        }

        static Filter openOnly() {
            return new Filter(null, 0, EnumSet.of(FindingState.OPEN), "");
        }

        boolean matches(StoredFinding f) {
            Finding x = f.finding();
            return (host == null || host.equals(f.host())) && x.severity() >= minSeverity && states.contains(f.state())
                    && (text.isEmpty() || contains(x.title()) || contains(x.id()) || contains(x.evidence()) || contains(f.target()));
        }

        private boolean contains(String s) {
            return s != null && s.toLowerCase(Locale.ROOT).contains(text);
        }
    }

    /** One severity label's findings on one host, worst first. */
    record SeverityGroup(String host, String label, List<StoredFinding> findings) {
    }

    /** One host's findings by severity label, worst label first. */
    record HostGroup(String host, List<SeverityGroup> severities) {
        int count() {
            return severities.stream().mapToInt(s -> s.findings().size()).sum();
        }
    }

    static List<HostGroup> group(List<StoredFinding> all, Filter filter) {
        Map<String, Map<String, List<StoredFinding>>> byHost = new TreeMap<>();
        for (StoredFinding f : all) {
            if (filter.matches(f)) {
                byHost.computeIfAbsent(f.host(), h -> new LinkedHashMap<>()).computeIfAbsent(f.finding().label(),
                        l -> new ArrayList<>()).add(f);
            }
        }
        List<HostGroup> out = new ArrayList<>();
        byHost.forEach((host, byLabel) -> {
            List<SeverityGroup> groups = new ArrayList<>();
            for (String label : LABELS.keySet()) {
                List<StoredFinding> list = byLabel.get(label);
                if (list != null) {
                    list.sort(Comparator.comparingDouble((StoredFinding f) -> -f.finding().severity())
                            .thenComparing(f -> f.finding().title()));
                    groups.add(new SeverityGroup(host, label, List.copyOf(list)));
                }
            }
            out.add(new HostGroup(host, groups));
        });
        return out;
    }

    /**
     * The sentence a person acts on: the host with the most high or critical open findings and the
     * worst of them ("3 high findings open on web1 — fix first: sshd passwordauthentication is yes").
     */
    static String headline(List<StoredFinding> all) {
        List<StoredFinding> open = all.stream().filter(f -> f.state() == FindingState.OPEN).toList();
        if (open.isEmpty()) {
            return all.isEmpty() ? "No findings yet: choose a target and the scanners above, then Scan."
                    : "No open findings: every finding is fixed, accepted or marked a false positive.";
        }
        Map<String, List<StoredFinding>> byHost = new TreeMap<>();
        open.forEach(f -> byHost.computeIfAbsent(f.host(), h -> new ArrayList<>()).add(f));
        String host = byHost.entrySet().stream().max(Comparator.comparingLong((Map.Entry<String, List<StoredFinding>> e) ->
                        e.getValue().stream().filter(f -> f.finding().severity() >= 7).count())
                .thenComparingDouble(e -> e.getValue().stream().mapToDouble(f -> f.finding().severity()).max().orElse(0)))
                .orElseThrow().getKey();
        List<StoredFinding> mine = byHost.get(host);
        StoredFinding worst = mine.stream().max(Comparator.comparingDouble(f -> f.finding().severity())).orElseThrow();
        long serious = mine.stream().filter(f -> f.finding().severity() >= 7).count();
        String what = serious > 0 ? serious + " high or critical finding" + (serious == 1 ? "" : "s")
                : mine.size() + " " + worst.finding().label().toLowerCase(Locale.ROOT) + "-or-lower finding" + (mine.size() == 1 ? "" : "s");
        return what + " open on " + Shown.line(host) + " — fix first: " + Shown.line(worst.finding().title()) + " ("
                + worst.finding().rating() + ")" + (byHost.size() > 1 ? "; " + open.size() + " open on " + byHost.size() + " hosts in all." : ".");
    }
}
