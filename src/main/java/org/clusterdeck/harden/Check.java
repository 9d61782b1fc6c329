package org.clusterdeck.harden;

/** One verification after apply: what was checked, whether it held, and the evidence in words. */
public record Check(HardenStep step, String what, boolean ok, String detail) {
    public static Check pass(HardenStep step, String what, String detail) {
        return new Check(step, what, true, detail);
    }

    public static Check fail(HardenStep step, String what, String detail) {
        return new Check(step, what, false, detail);
    }
}
