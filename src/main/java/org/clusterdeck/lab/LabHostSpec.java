package org.clusterdeck.lab;

import java.util.List;
import java.util.Set;

/** What one lab host should be: its host name and its role (lb, web or db), which decides its services. */
public record LabHostSpec(String name, String role) {
    public static final Set<String> ROLES = Set.of("lb", "web", "db");

    public LabHostSpec {
        if (name == null || !name.matches("[a-z][a-z0-9-]{0,30}")) {
            throw new IllegalArgumentException("A lab host name is a lower-case letter, then letters, digits or '-'"
                    + " (at most 31), not '" + name + "'.");
        }
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("A lab host's role is one of " + ROLES + ", not '" + role + "'.");
        }
    }

    /** n plain hosts named prefix1..prefixN: sshd and nginx. */
    public static List<LabHostSpec> plain(String prefix, int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).mapToObj(i -> new LabHostSpec(prefix + i, "web")).toList();
    }

    /** The source's cluster: lb1, web1, web2, db1 (primary), db2 (replica), names after {@code prefix}. */
    public static List<LabHostSpec> cluster(String prefix) {
        return List.of(new LabHostSpec(prefix + "lb1", "lb"), new LabHostSpec(prefix + "web1", "web"),
                new LabHostSpec(prefix + "web2", "web"), new LabHostSpec(prefix + "db1", "db"),
                new LabHostSpec(prefix + "db2", "db"));
    }
}
