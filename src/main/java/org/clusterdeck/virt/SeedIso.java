package org.clusterdeck.virt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Packs a NoCloud seed directory into an ISO labelled "cidata" with whichever tool is installed (no shell). */
final class SeedIso {
    private SeedIso() {
    }

    static Optional<Path> build(Path dir) {
        Path iso = dir.resolve("seed.iso");
        String ud = dir.resolve("user-data").toString();
        String md = dir.resolve("meta-data").toString();
        List<List<String>> candidates = List.of(
                List.of("cloud-localds", iso.toString(), ud, md),
                List.of("genisoimage", "-quiet", "-output", iso.toString(), "-volid", "cidata", "-joliet", "-rock", ud, md),
                List.of("xorriso", "-as", "mkisofs", "-quiet", "-output", iso.toString(), "-volid", "cidata", "-joliet",
                        "-rock", ud, md));
        for (List<String> cmd : candidates) {
            if (!onPath(cmd.get(0))) {
                continue;
            }
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.exists(iso)) {
                    return Optional.of(iso);
                }
            } catch (IOException e) {
                // try the next tool
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String d : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }
}
