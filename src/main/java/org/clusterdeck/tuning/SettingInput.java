package org.clusterdeck.tuning;

/** A key and value someone asked for, from a profile or a line of a sysctl.conf fragment. */
public record SettingInput(String key, String value, String why, int line, int column) {
    public static SettingInput fromProfile(ProfileSetting s) {
        return new SettingInput(s.key(), s.value(), s.why(), 0, 0);
    }
}
