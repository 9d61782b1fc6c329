package org.clusterdeck.tuning;

import java.util.List;

/** A named set of sysctl values for one purpose, in the spirit of tuned's profiles. */
public record TuningProfile(String id, String name, String description, List<ProfileSetting> settings) {
    public TuningProfile {
        settings = List.copyOf(settings);
    }
}
