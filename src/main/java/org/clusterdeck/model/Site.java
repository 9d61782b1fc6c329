package org.clusterdeck.model;

/** A group of hosts managed together: the demo lab, the local practice lab, or a real site. */
public record Site(long id, String name, SiteKind kind, String description) {
    public boolean isDemo() {
        return kind == SiteKind.DEMO;
    }
}
