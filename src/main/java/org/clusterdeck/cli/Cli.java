package org.clusterdeck.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.file.Path;
import java.util.Map;
import org.clusterdeck.app.Services;
import org.clusterdeck.inventory.ValidationException;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.DataDirectory;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.StoreException;
import picocli.CommandLine;

/**
 * Runs one command line: parses it, opens the database on first use, prints one clear line on
 * failure. Commands receive this object through their constructor and use {@link #out()} for
 * output, never {@code System.out}.
 *
 * <p>Exit codes: 0 success, 1 the command failed (message on stderr), 2 bad usage, 4 open findings at or
 * above {@code --fail-on} remain (scans and {@code findings list}).
 */
public final class Cli implements AutoCloseable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** Open findings at or above {@code --fail-on} remain (3 is left free for a future "partly failed"). */
    public static final int FINDINGS = 4;

    private final Map<String, String> env;
    private final PrintWriter out;
    private final PrintWriter err;
    private Path dataDirOption;
    private Services services;

    public Cli(Map<String, String> env, PrintWriter out, PrintWriter err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} and returns the exit code. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        try (Cli cli = new Cli(env, out, err)) {
            return cli.execute(args);
        }
    }

    /** Runs a command line on the real console and environment; returns the exit code. */
    public static int runMain(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        return run(args, System.getenv(), out, err);
    }

    int execute(String[] args) {
        Factory factory = new Factory(this);
        Class<?> named = commandNamedBy(args);
        CommandLine cmd;
        if (named == null) { // help, version, a typo: the whole tree, for the usage text and suggestions
            cmd = new CommandLine(new ClusterDeckCommand(this), factory);
        } else {
            // only the command asked for: picocli reflects every command class it is given (~0.3 s of CPU
            // for the whole tree, more than a scan of 1,000 ports), and its classes predate class-data sharing
            cmd = new CommandLine(new OneCommandRoot(this), factory);
            cmd.addSubcommand(new CommandLine(named, factory));
        }
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("clusterdeck: " + ex.getMessage().lines().findFirst().orElse("bad usage")
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return USAGE;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            err.println("clusterdeck: " + message(ex));
            err.flush();
            return ex instanceof CliException ce ? ce.exitCode() : FAILED;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * The top-level command class the command line names ({@code clusterdeck [--data-dir DIR] NAME …}),
     * or null when it names none (options only, or a name that is not a command).
     */
    static Class<?> commandNamedBy(String[] args) {
        int i = 0;
        while (i < args.length && args[i].startsWith("--data-dir")) {
            i += args[i].equals("--data-dir") ? 2 : 1;
        }
        if (i >= args.length) {
            return null;
        }
        for (Class<?> c : ClusterDeckCommand.class.getAnnotation(CommandLine.Command.class).subcommands()) {
            CommandLine.Command a = c.getAnnotation(CommandLine.Command.class);
            if (a != null && (a.name().equals(args[i]) || java.util.Arrays.asList(a.aliases()).contains(args[i]))) {
                return c;
            }
        }
        return null;
    }

    /** {@link ClusterDeckCommand} without its list of commands: the root when the command line names its command. */
    @CommandLine.Command(name = "clusterdeck", mixinStandardHelpOptions = true, versionProvider = org.clusterdeck.Version.Provider.class)
    static final class OneCommandRoot {
        private final Cli cli;

        @CommandLine.Option(names = "--data-dir", scope = CommandLine.ScopeType.INHERIT, paramLabel = "DIR",
                description = "Where ClusterDeck keeps its database (default: $CLUSTERDECK_DATA, else ~/.local/share/clusterdeck).")
        void setDataDir(Path dir) {
            cli.setDataDir(dir);
        }

        OneCommandRoot(Cli cli) {
            this.cli = cli;
        }
    }

    /**
     * The text (UTF-8) of a file the user named on the command line; a missing or unreadable file is
     * an error naming it and what to give instead ({@code what}: "an nginx configuration").
     */
    static String readText(java.nio.file.Path file, String what) {
        try {
            return java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CliException("No file " + org.clusterdeck.text.TerminalText.line(file.toString()) + ". Give the path of " + what + ".");
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            throw new CliException("Cannot read " + org.clusterdeck.text.TerminalText.line(file.toString()) + ": " + e.getMessage() + ".");
        }
    }

    /** What went wrong; several field errors one per line, each "field: what to do" (never joined into one sentence). */
    static String message(Exception ex) {
        if (ex instanceof StoreException || ex instanceof CliException) {
            return ex.getMessage();
        }
        if (ex instanceof ValidationException ve) {
            return ve.errors().size() == 1 ? ve.errors().get(0).toString()
                    : ve.errors().size() + " problems:\n" + String.join("\n", ve.errors().stream().map(e -> "  " + e).toList());
        }
        return JobRunner.describe(ex);
    }

    void setDataDir(Path dir) {
        this.dataDirOption = dir;
    }

    public Path dataDir() {
        return DataDirectory.resolve(dataDirOption, env);
    }

    /**
     * The command line's services, built once (after the options are parsed, so that
     * {@code --data-dir} counts); each part is built on first use. SSH from the command line
     * trusts only known host keys and asks for no secret.
     */
    public synchronized Services services() { // a scan opens them on another thread while it runs
        if (services == null) {
            services = Services.builder(dataDir(), "cli").build();
        }
        return services;
    }

    /** The database, opened (and seeded with the demo lab when empty) on first use. */
    public Store store() {
        return services().store();
    }

    /** A job runner for commands that run jobs; jobs run in this process and are awaited. */
    public JobRunner jobs() {
        return services().jobs();
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public Map<String, String> env() {
        return env;
    }

    @Override
    public void close() {
        if (services != null) {
            services.close();
        }
    }

    /** Creates command objects, handing {@link Cli} to constructors that take it. */
    private static final class Factory implements CommandLine.IFactory {
        private final Cli cli;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(Cli cli) {
            this.cli = cli;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(Cli.class);
                c.setAccessible(true);
                return c.newInstance(cli);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
        }
    }
}
