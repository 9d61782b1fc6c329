package org.clusterdeck.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the real command line in this JVM against a data directory and captures its output. */
final class CliRun {
    record Outcome(int exitCode, String out, String err) {
    }

    private CliRun() {
    }

    static Outcome run(Path dataDir, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> e = new HashMap<>(env);
        e.put("CLUSTERDECK_DATA", dataDir.toString());
        int code = Cli.run(args, e, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }
}
