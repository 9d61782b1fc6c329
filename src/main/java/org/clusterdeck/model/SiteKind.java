package org.clusterdeck.model;

/** Where a site's hosts live: DEMO hosts are inert labels that ClusterDeck never connects to. */
public enum SiteKind {
    DEMO, LAB, REAL;

    public String dbValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SiteKind fromDb(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
