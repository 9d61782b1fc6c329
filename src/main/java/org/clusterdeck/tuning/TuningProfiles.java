package org.clusterdeck.tuning;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The profiles shipped with ClusterDeck, plus "kernel defaults" derived from the catalog. */
public final class TuningProfiles {
    public static final String RESOURCE = "/tuning/profiles.json";

    private final List<TuningProfile> profiles;

    private TuningProfiles(List<TuningProfile> profiles) {
        this.profiles = List.copyOf(profiles);
    }

    public static TuningProfiles load(SysctlCatalog catalog) {
        List<TuningProfile> out = new ArrayList<>();
        try (InputStream in = TuningProfiles.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("The tuning profiles " + RESOURCE + " are missing from the build.");
            }
            for (JsonNode p : new ObjectMapper().readTree(in)) {
                List<ProfileSetting> settings = new ArrayList<>();
                for (JsonNode s : p.get("settings")) {
                    settings.add(new ProfileSetting(s.get("key").asText(), s.get("value").asText(), s.get("why").asText()));
                }
                out.add(new TuningProfile(p.get("id").asText(), p.get("name").asText(), p.get("description").asText(), settings));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the tuning profiles: " + e.getMessage(), e);
        }
        out.add(catalog.kernelDefaultsProfile());
        return new TuningProfiles(out);
    }

    public List<TuningProfile> all() {
        return profiles;
    }

    public Optional<TuningProfile> find(String id) {
        return profiles.stream().filter(p -> p.id().equalsIgnoreCase(id) || p.name().equalsIgnoreCase(id)).findFirst();
    }

    /** The profile named {@code id}, or an exception listing the ones that exist. */
    public TuningProfile require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No tuning profile '" + id + "'. Profiles: "
                + String.join(", ", profiles.stream().map(TuningProfile::id).toList()) + "."));
    }
}
