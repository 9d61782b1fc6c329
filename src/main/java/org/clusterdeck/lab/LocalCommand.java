package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program on this machine from an argument vector (never a shell line), with a timeout,
 * and returns what it printed.
 */
public final class LocalCommand {
    /** Exit code and output of a finished local program. */
    public record Result(List<String> argv, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        /** The reason for a failure in one line, for error messages. */
        public String reason() {
            String text = stderr.isBlank() ? stdout : stderr;
            return text.strip().lines().findFirst().orElse("exit " + exitCode);
        }
    }

    private static final long TIMEOUT_SECONDS = 60;

    private LocalCommand() {
    }

    public static Result run(String... argv) {
        return run(List.of(argv));
    }

    public static Result run(List<String> argv) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new LabException("Cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new LabException(String.join(" ", argv) + " did not finish within " + TIMEOUT_SECONDS + " s.");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while running " + argv.get(0), e);
        }
        return new Result(List.copyOf(argv), p.exitValue(), out, err.join());
    }

    /** Runs and throws {@link LabException} naming the command and its error when it fails. */
    public static Result check(String... argv) {
        Result r = run(argv);
        if (!r.ok()) {
            throw new LabException("'" + String.join(" ", argv) + "' failed: " + r.reason());
        }
        return r;
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
