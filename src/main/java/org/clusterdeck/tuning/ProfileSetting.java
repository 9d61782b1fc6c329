package org.clusterdeck.tuning;

/** One key and value of a profile, with the reason it is there. */
public record ProfileSetting(String key, String value, String why) {
}
