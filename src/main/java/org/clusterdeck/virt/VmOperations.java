package org.clusterdeck.virt;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.DiskDetails;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.clusterdeck.model.VolumeDetails;

/**
 * Lifecycle of existing VMs: power actions, delete, autostart, snapshots, clone and move. Each
 * public method submits a job; the job logs what it did, stores the VM's new state, writes the
 * audit trail and fires an inventory event.
 */
public final class VmOperations {
    /** A power action and how it is named for people. */
    public enum Power {
        START("Start"), SHUTDOWN("Shut down"), REBOOT("Reboot"), FORCE_OFF("Force off"), SUSPEND("Suspend"),
        RESUME("Resume");

        private final String label;

        Power(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final VirtService virt;
    private Duration shutdownWait = Duration.ofSeconds(120);

    VmOperations(VirtService virt) {
        this.virt = virt;
    }

    /** How long a graceful shutdown may take before the job says the guest ignored it. */
    public void setShutdownWait(Duration wait) {
        this.shutdownWait = wait;
    }

    private Host hostOf(Vm vm) {
        return virt.store().hosts().findById(vm.hostId()).orElseThrow(() -> new VirtException("INVALID",
                "The host of " + vm.name() + " is no longer in the inventory."));
    }

    private <T> Job<T> submit(String name, Vm vm, Work<T> work) {
        Host host = hostOf(vm);
        return virt.jobs().submit(name, host.name() + "/" + vm.name(), ctx -> {
            ctx.progress(0.05, "Connecting to " + host.name());
            Hypervisor h = virt.connect(host);
            return work.run(host, h, ctx);
        });
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Host host, Hypervisor h, JobContext ctx) throws Exception;
    }

    private void audit(Host host, String vm, String action, String before, String after, JobContext ctx) {
        virt.store().audit().record(virt.actor(), action, "vm", host.name() + "/" + vm, before, after, ctx.jobId());
    }

    public Job<Vm> power(Vm vm, Power action) {
        return submit(action.label() + " " + vm.name(), vm, (host, h, ctx) -> {
            VmState before = h.domain(vm.name()).map(d -> d.state().toVmState()).orElseThrow(() -> gone(vm, host));
            refuseIfPointless(vm.name(), action, before);
            ctx.progress(0.3, action.label() + " " + vm.name());
            switch (action) {
                case START -> h.start(vm.name());
                case SHUTDOWN -> h.shutdown(vm.name());
                case REBOOT -> h.reboot(vm.name());
                case FORCE_OFF -> h.destroy(vm.name());
                case SUSPEND -> h.suspend(vm.name());
                case RESUME -> h.resume(vm.name());
            }
            if (action == Power.SHUTDOWN) {
                waitForShutoff(h, vm.name(), ctx);
            }
            Vm after = virt.refresh(host, h, vm.name()).orElseThrow(() -> gone(vm, host));
            ctx.log(vm.name() + ": " + before.dbValue() + " -> " + after.state().dbValue());
            audit(host, vm.name(), "vm." + action.name().toLowerCase(java.util.Locale.ROOT), before.dbValue(),
                    after.state().dbValue(), ctx);
            return after;
        });
    }

    /** libvirt's own answer to e.g. starting a running VM is a vague internal error; say it plainly instead. */
    private static void refuseIfPointless(String name, Power action, VmState state) {
        String problem = switch (action) {
            case START -> state == VmState.STOPPED ? null : name + " is already " + state.dbValue() + ".";
            case SHUTDOWN, REBOOT, FORCE_OFF, SUSPEND -> state == VmState.STOPPED ? name + " is not running." : null;
            case RESUME -> state == VmState.PAUSED ? null : name + " is not suspended; only a suspended VM can resume.";
        };
        if (problem != null) {
            throw new VirtException("VIR_ERR_OPERATION_INVALID", problem + " Refresh the host if this looks wrong.");
        }
    }

    private void waitForShutoff(Hypervisor h, String name, JobContext ctx) throws InterruptedException {
        long deadline = System.nanoTime() + shutdownWait.toNanos();
        while (h.domain(name).map(d -> d.state() != RunState.SHUTOFF).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new VirtException("TIMEOUT", name + " is still running " + shutdownWait.toSeconds()
                        + " s after the shutdown request; the guest may ignore ACPI. Use Force off to stop it now.");
            }
            ctx.checkCancelled();
            ctx.progress(0.5, "Waiting for " + name + " to shut down");
            Thread.sleep(500);
        }
    }

    private static VirtException gone(Vm vm, Host host) {
        return new VirtException("VIR_ERR_NO_DOMAIN", vm.name() + " no longer exists on " + host.name()
                + ". Sync the host to refresh the inventory.");
    }

    public Job<Vm> setAutostart(Vm vm, boolean on) {
        return submit((on ? "Enable" : "Disable") + " autostart of " + vm.name(), vm, (host, h, ctx) -> {
            h.setAutostart(vm.name(), on);
            Vm after = virt.refresh(host, h, vm.name()).orElseThrow(() -> gone(vm, host));
            audit(host, vm.name(), "vm.autostart", String.valueOf(vm.autostart()), String.valueOf(on), ctx);
            return after;
        });
    }

    /** Deletes the VM (must be shut off); with {@code storage}, also its disk volumes (not CD-ROMs). */
    public Job<Void> delete(Vm vm, boolean storage) {
        return submit("Delete " + vm.name(), vm, (host, h, ctx) -> {
            DomainDetails d = h.domain(vm.name()).orElseThrow(() -> gone(vm, host));
            if (d.state() != RunState.SHUTOFF) {
                throw new VirtException("VIR_ERR_OPERATION_INVALID", vm.name() + " is " + d.state().name().toLowerCase()
                        + "; shut it down (or force it off) before deleting it.");
            }
            h.undefine(vm.name());
            ctx.log("Removed the definition of " + vm.name());
            if (storage) {
                for (DiskDetails disk : d.disks()) {
                    if (!"cdrom".equals(disk.device()) && disk.source() != null) {
                        if (h.deleteVolume(disk.source())) {
                            ctx.log("Deleted the disk " + disk.source());
                        } else {
                            ctx.warn(disk.source() + " is not a volume of a storage pool; it was left in place.");
                        }
                    }
                }
            }
            virt.store().vms().delete(vm.id());
            audit(host, vm.name(), "vm.delete", d.vcpus() + " vCPU, " + d.memoryMib() + " MiB", storage
                    ? "deleted with its disks" : "deleted, disks kept", ctx);
            virt.fire("vm", vm.id(), "deleted");
            return null;
        });
    }

    // ---- snapshots ----

    public Job<List<SnapshotDetails>> snapshots(Vm vm) {
        return submit("List snapshots of " + vm.name(), vm, (host, h, ctx) -> h.snapshots(vm.name()));
    }

    public Job<List<SnapshotDetails>> createSnapshot(Vm vm, String name, String description) {
        NameRules.require("snapshot", name);
        return submit("Snapshot " + vm.name(), vm, (host, h, ctx) -> {
            h.createSnapshot(vm.name(), name, description);
            if (virt.isDemo(host)) {
                // store the domain as libvirt has it, so the next process's node file keeps the identity
                // (UUID) the snapshot was taken of
                virt.refresh(host, h, vm.name());
            }
            keepDemoSnapshots(host, h, vm);
            audit(host, vm.name(), "vm.snapshot.create", null, name, ctx);
            ctx.log("Created snapshot " + name);
            virt.fire("vm", vm.id(), "snapshot");
            return h.snapshots(vm.name());
        });
    }

    public Job<Vm> revertSnapshot(Vm vm, String name) {
        return submit("Revert " + vm.name() + " to " + name, vm, (host, h, ctx) -> {
            h.revertSnapshot(vm.name(), name);
            keepDemoSnapshots(host, h, vm); // the current snapshot changed
            audit(host, vm.name(), "vm.snapshot.revert", null, name, ctx);
            return virt.refresh(host, h, vm.name()).orElseThrow(() -> gone(vm, host));
        });
    }

    public Job<List<SnapshotDetails>> deleteSnapshot(Vm vm, String name) {
        return submit("Delete snapshot " + name + " of " + vm.name(), vm, (host, h, ctx) -> {
            h.deleteSnapshot(vm.name(), name);
            keepDemoSnapshots(host, h, vm);
            audit(host, vm.name(), "vm.snapshot.delete", name, null, ctx);
            virt.fire("vm", vm.id(), "snapshot");
            return h.snapshots(vm.name());
        });
    }

    /** The test driver forgets snapshots with the process: store a demo VM's set after each change. */
    private void keepDemoSnapshots(Host host, Hypervisor h, Vm vm) {
        if (virt.isDemo(host)) {
            DemoSnapshots.save(virt.store(), vm.id(), h, vm.name());
        }
    }

    // ---- clone and move ----

    /** Copies a shut-off VM and its disk volumes under a new name on the same host. */
    public Job<Vm> cloneVm(Vm vm, String newName) {
        NameRules.require("VM", newName);
        return submit("Clone " + vm.name() + " as " + newName, vm, (host, h, ctx) -> {
            DomainDetails d = h.domain(vm.name()).orElseThrow(() -> gone(vm, host));
            if (d.state() != RunState.SHUTOFF) {
                throw new VirtException("VIR_ERR_OPERATION_INVALID", "Shut down " + vm.name()
                        + " before cloning it; a running VM's disks would be copied mid-write.");
            }
            if (h.domain(newName).isPresent()) {
                throw new VirtException("VIR_ERR_DOM_EXIST", "A VM named '" + newName + "' already exists on "
                        + host.name() + "; choose another name.");
            }
            Map<String, String> paths = new HashMap<>();
            try {
                for (DiskDetails disk : d.disks()) {
                    if ("cdrom".equals(disk.device()) || disk.source() == null) {
                        continue;
                    }
                    ctx.progress(0.2 + 0.5 * paths.size() / d.disks().size(), "Copying " + disk.source());
                    VolumeDetails copy = h.cloneVolume(disk.source(), cloneVolumeName(disk.source(), vm.name(), newName));
                    paths.put(disk.source(), copy.path());
                    ctx.log("Copied " + disk.source() + " to " + copy.path());
                }
                h.define(DomainXmlEditor.forClone(d.xml(), newName, paths));
            } catch (RuntimeException e) {
                paths.values().forEach(p -> {
                    if (h.deleteVolume(p)) {
                        ctx.warn("Removed the copied disk " + p + " after the failure.");
                    }
                });
                throw e;
            }
            Vm copy = virt.refresh(host, h, newName).orElseThrow();
            audit(host, newName, "vm.clone", vm.name(), newName, ctx);
            virt.fire("vm", copy.id(), "created");
            return copy;
        });
    }

    static String cloneVolumeName(String path, String oldName, String newName) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.startsWith(oldName) ? newName + file.substring(oldName.length()) : newName + "-" + file;
    }

    /**
     * Moves a VM to another host. Running VMs migrate live where both hosts' driver supports it
     * (otherwise: shut it down first); shut-off VMs are defined on the target and removed from the source.
     */
    public Job<Vm> move(Vm vm, Host target) {
        return submit("Move " + vm.name() + " to " + target.name(), vm, (host, h, ctx) -> {
            if (host.id() == target.id()) {
                throw new VirtException("INVALID", vm.name() + " is already on " + target.name() + ".");
            }
            DomainDetails d = h.domain(vm.name()).orElseThrow(() -> gone(vm, host));
            ctx.progress(0.1, "Connecting to " + target.name());
            Hypervisor t = virt.connect(target);
            if (t.domain(vm.name()).isPresent()
                    || virt.store().vms().findByHostAndName(target.id(), vm.name()).isPresent()) {
                throw new VirtException("VIR_ERR_DOM_EXIST", target.name() + " already has a VM named " + vm.name()
                        + "; rename or delete one of them first.");
            }
            if (d.state() != RunState.SHUTOFF) {
                ctx.progress(0.3, "Migrating " + vm.name() + " live");
                try {
                    h.migrateLive(vm.name(), t);
                } catch (VirtException e) {
                    throw new VirtException(e.code(), vm.name() + " is running and live migration is not possible here ("
                            + e.getMessage() + "). Shut it down and move it offline.");
                }
            } else {
                moveOffline(d, h, t, ctx);
            }
            virt.repository().moveVm(vm.id(), target.id());
            // libvirt does not carry snapshot metadata to the target, so the stored demo copies go too
            new org.clusterdeck.store.SnapshotRepository(virt.store().sql()).clear(vm.id());
            Optional<Vm> moved = virt.refresh(target, t, vm.name());
            audit(host, vm.name(), "vm.move", host.name(), target.name(), ctx);
            virt.fire("vm", vm.id(), "moved");
            return moved.orElseThrow();
        });
    }

    private void moveOffline(DomainDetails d, Hypervisor source, Hypervisor target, JobContext ctx) {
        List<VolumeDetails> made = new java.util.ArrayList<>();
        try {
            if (source.isTestDriver() && target.isTestDriver()) {
                // demo hosts: carry the volumes' metadata over, as copying the files would on real hosts
                Map<String, VolumeDetails> vols = new HashMap<>();
                source.pools().forEach(p -> p.volumes().forEach(v -> vols.put(v.path(), v)));
                for (DiskDetails disk : d.disks()) {
                    VolumeDetails v = disk.source() == null ? null : vols.get(disk.source());
                    if (v != null && !"cdrom".equals(disk.device())) {
                        made.add(target.createVolume(v.pool(), v.name(), v.capacityBytes(), v.format()));
                    }
                }
            } else {
                ctx.warn("Disks are not copied: " + d.name() + " needs its disks at the same paths on the target "
                        + "(shared storage), or copy them before starting it there.");
            }
            String xml = d.xml();
            if (target.isTestDriver()) {
                org.w3c.dom.Document doc = Xml.parse(xml);
                doc.getDocumentElement().setAttribute("type", "test");
                xml = Xml.toString(doc);
            }
            ctx.progress(0.5, "Defining " + d.name() + " on the target");
            target.define(xml);
        } catch (RuntimeException e) {
            made.forEach(v -> target.deleteVolume(v.path()));
            throw e;
        }
        ctx.progress(0.8, "Removing " + d.name() + " from the source");
        source.undefine(d.name());
        if (source.isTestDriver() && target.isTestDriver()) {
            for (DiskDetails disk : d.disks()) {
                if (disk.source() != null && !"cdrom".equals(disk.device())) {
                    source.deleteVolume(disk.source());
                }
            }
        }
        ctx.log("Moved " + d.name() + " offline: defined on " + target.uri() + ", removed from " + source.uri());
    }
}
