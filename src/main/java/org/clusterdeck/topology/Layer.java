package org.clusterdeck.topology;

/** The four layers of the source's virtualization architecture, as the diagram groups them. */
public enum Layer {
    PHYSICAL("Physical infrastructure", "hosts"),
    VIRTUALIZATION("Virtualization", "VMs on their host"),
    SERVICE("Service · load balancing", "nginx load balancers"),
    APPLICATION("Application · data", "databases and replication");

    private final String title;
    private final String hint;

    Layer(String title, String hint) {
        this.title = title;
        this.hint = hint;
    }

    public String title() {
        return title;
    }

    public String hint() {
        return hint;
    }
}
