package org.clusterdeck.tuning;

import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.RemoteShell;

/**
 * Opens a shell on an inventory host for a job ({@code RemoteAccess::open} in the app: SSH with
 * strict host keys, every command logged and audited).
 */
@FunctionalInterface
public interface HostShells {
    RemoteShell open(Host host, JobContext job);
}
