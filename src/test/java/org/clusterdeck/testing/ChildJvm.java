package org.clusterdeck.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second Java process running a test main: for what only another process (or another user)
 * can show, such as two ClusterDecks sharing the database or an attack from another account.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;
    private final StringBuilder seen = new StringBuilder();

    private ChildJvm(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    /** The java launcher of this JVM. */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts {@code prefix java -cp classpath main args} (prefix e.g. setpriv …); stderr joins stdout. */
    public static ChildJvm start(List<String> prefix, String classpath, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java(), "-cp", classpath, main.getName()));
        cmd.addAll(List.of(args));
        try {
            return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd, e);
        }
    }

    /** Starts {@code main} with this JVM's own class path. */
    public static ChildJvm start(Class<?> main, String... args) {
        return start(List.of(), System.getProperty("java.class.path"), main, args);
    }

    /** Reads lines until one starts with {@code prefix}; returns it (fails on end of output). */
    public String awaitLine(String prefix) {
        try {
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("the child process ended without printing '" + prefix + "'; it printed:\n" + seen);
    }

    public void send(String line) {
        in.println(line);
    }

    /** Waits (generously: only a hang fails) for the end; returns the exit code and all output. */
    public Result finish() {
        try {
            in.close();
            for (String line; (line = out.readLine()) != null; ) {
                seen.append(line).append('\n');
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the child process hung; it printed:\n" + seen);
            }
            return new Result(process.exitValue(), seen.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    public record Result(int exitCode, String output) {
    }
}
