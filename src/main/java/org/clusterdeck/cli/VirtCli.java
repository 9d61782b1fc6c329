package org.clusterdeck.cli;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.clusterdeck.job.Job;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.virt.VirtException;
import org.clusterdeck.virt.VirtService;

/** What the vm and hosts sync commands share: one VirtService per command line, jobs awaited, errors in one line. */
final class VirtCli implements AutoCloseable {
    private final Cli cli;
    final VirtService virt;

    VirtCli(Cli cli) {
        this.cli = cli;
        VirtService.unavailable().ifPresent(p -> {
            throw new CliException(p);
        });
        this.virt = cli.services().virt();
    }

    Host host(String name) {
        return HostsCommand.requireHost(cli.store(), name);
    }

    Vm vm(String name, String hostName) {
        return VmCommand.findVm(cli, name, hostName);
    }

    /** Waits for the job and returns its result; a failure becomes one line naming the job for its log. */
    <T> T await(Job<T> job) {
        try {
            return job.result().get(30, TimeUnit.MINUTES);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String msg = cause instanceof VirtException || cause instanceof CliException ? cause.getMessage()
                    : org.clusterdeck.job.JobRunner.describe(cause);
            throw new CliException(msg);
        } catch (TimeoutException e) {
            job.cancel();
            throw new CliException("Job #" + job.id() + " took longer than 30 minutes and was cancelled.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            job.cancel();
            throw new CliException("Interrupted; job #" + job.id() + " was cancelled.");
        }
    }

    static CliException usage(VirtException e) {
        return new CliException(e.getMessage(), Cli.USAGE);
    }

    @Override
    public void close() {
        // the VM service belongs to the command line's services, closed when the command ends
    }
}
