package org.clusterdeck.tuning;

/**
 * What happened to one key on one host. {@code status}: applied, unchanged, refused (the kernel
 * said no, {@code reason} says why), rolled back, left changed (a rollback could not restore it),
 * planned (dry run).
 */
public record KeyOutcome(String key, String before, String proposed, String readBack, String status, String reason) {
    public static final String APPLIED = "applied";
    public static final String UNCHANGED = "unchanged";
    public static final String REFUSED = "refused";
    public static final String ROLLED_BACK = "rolled back";
    public static final String LEFT_CHANGED = "left changed";
    public static final String PLANNED = "planned";
    public static final String RESTORED = "restored";
}
