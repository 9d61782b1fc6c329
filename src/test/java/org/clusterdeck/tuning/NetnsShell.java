package org.clusterdeck.tuning;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;

/**
 * A {@link RemoteShell} into a Linux network namespace of this machine: {@code ip netns exec NS
 * argv...} as an argument vector, never a shell line. Runs as root, so {@code sudo} is implied.
 */
final class NetnsShell implements RemoteShell {
    private final String hostName;
    private final String namespace;

    NetnsShell(String hostName, String namespace) {
        this.hostName = hostName;
        this.namespace = namespace;
    }

    @Override
    public String hostName() {
        return hostName;
    }

    @Override
    public CommandResult run(RemoteCommand command) {
        List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        argv.addAll(command.argv());
        return exec(argv, command.stdin(), command.timeout().toMillis());
    }

    static CommandResult exec(List<String> argv, String stdin, long timeoutMillis) {
        try {
            Process p = new ProcessBuilder(argv).start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(StandardCharsets.UTF_8));
                }
            }
            if (!p.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new RemoteException("timed out: " + String.join(" ", argv));
            }
            return new CommandResult(p.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new RemoteException("cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("interrupted", e);
        }
    }

    private static String slurp(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
    }
}
