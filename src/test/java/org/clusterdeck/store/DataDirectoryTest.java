package org.clusterdeck.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DataDirectoryTest {
    @Test
    void optionWinsOverEnvironment() {
        assertThat(DataDirectory.resolve(Path.of("/tmp/a"), Map.of("CLUSTERDECK_DATA", "/tmp/b")))
                .isEqualTo(Path.of("/tmp/a"));
    }

    @Test
    void environmentWinsOverXdg() {
        assertThat(DataDirectory.resolve(null, Map.of("CLUSTERDECK_DATA", "/tmp/b", "XDG_DATA_HOME", "/x")))
                .isEqualTo(Path.of("/tmp/b"));
    }

    @Test
    void xdgDataHomeIsUsedThenTheHomeDefault() {
        assertThat(DataDirectory.resolve(null, Map.of("XDG_DATA_HOME", "/x"))).isEqualTo(Path.of("/x/clusterdeck"));
        assertThat(DataDirectory.resolve(null, Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local/share/clusterdeck"));
    }
}
