package org.clusterdeck.tuning;

/** A setting that passed validation, its value in the kernel's spelling; {@code spec} null when not in the catalog. */
public record ValidSetting(String key, String value, String why, SysctlSpec spec, int line) {
}
