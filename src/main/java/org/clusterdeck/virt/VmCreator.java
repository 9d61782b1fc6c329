package org.clusterdeck.virt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.HostVirtInfo;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.clusterdeck.model.VolumeDetails;

/** Creates VMs for {@link VirtService}: validate, check capacity, make the disk, define, start; undo on failure. */
final class VmCreator {
    private final VirtService virt;

    VmCreator(VirtService virt) {
        this.virt = virt;
    }

    List<String> problems(CreateRequest r) {
        List<String> out = new ArrayList<>();
        Optional<Host> host = virt.store().hosts().findByName(r.host() == null ? "" : r.host());
        if (host.isEmpty()) {
            out.add("No host named '" + Units.printable(String.valueOf(r.host())) + "'. '" + org.clusterdeck.text.Invocation.command("hosts list") + "' shows the names.");
        }
        out.addAll(DomainXmlBuilder.problems(spec(r, "test", List.of())));
        if (r.diskGib() < 0 || r.diskGib() > 65536) {
            out.add("Disk size must be from 0 to 64 TiB; got " + r.diskGib() + " GiB.");
        }
        if ((r.source() == CreateRequest.InstallSource.ISO || r.source() == CreateRequest.InstallSource.EXISTING_DISK
                || r.source() == CreateRequest.InstallSource.CLOUD_IMAGE) && (r.sourcePath() == null || r.sourcePath().isBlank())) {
            out.add("Choose the " + switch (r.source()) {
                case ISO -> "ISO image";
                case CLOUD_IMAGE -> "cloud image";
                default -> "existing disk";
            } + " from a storage pool.");
        }
        if (r.cloudInit() != null) {
            out.addAll(r.cloudInit().problems());
        }
        if (host.isPresent() && NameRules.check("VM", r.name()).isEmpty()) {
            if (virt.store().vms().findByHostAndName(host.get().id(), r.name()).isPresent()) {
                out.add("A VM named '" + r.name() + "' already exists on " + host.get().name() + "; choose another name.");
            }
            capacity(host.get()).check(r.vcpus(), r.memoryMib()).refusal().ifPresent(out::add);
        }
        return out;
    }

    /** The host's capacity as the inventory last saw it. */
    CapacityCheck capacity(Host host) {
        List<Vm> vms = virt.store().vms().findByHost(host.id());
        long runningMib = vms.stream().filter(v -> v.state() != VmState.STOPPED).mapToLong(Vm::memoryMib).sum();
        int runningVcpus = vms.stream().filter(v -> v.state() != VmState.STOPPED).mapToInt(Vm::vcpus).sum();
        long total = host.memoryMib() == null ? 0 : host.memoryMib();
        Optional<HostVirtInfo> info = virt.repository().hostInfo(host.id());
        long free = info.map(HostVirtInfo::freeMemoryMib).filter(f -> f != null && info.get().driver() != null
                && !info.get().driver().equalsIgnoreCase("Test")).orElse(total - runningMib);
        return new CapacityCheck(host.name(), host.cpuCores() == null ? 1 : host.cpuCores(), total, Math.max(0, free),
                runningVcpus);
    }

    String previewXml(CreateRequest r) {
        Host host = virt.host(r.host());
        String type = virt.isDemo(host) || virt.uriOf(host).startsWith("test:") ? "test" : "kvm";
        String pool = r.pool() == null ? "default" : r.pool();
        String poolPath = virt.repository().pools(host.id()).stream().filter(p -> p.name().equals(pool))
                .map(PoolDetails::path).findFirst().orElse(DemoLab.IMAGES);
        return previewXml(r, type, poolPath);
    }

    /** The XML for a request, with the new disk's path guessed from the pool's directory; no I/O. */
    static String previewXml(CreateRequest r, String domainType, String poolPath) {
        List<DomainSpec.Disk> disks = new ArrayList<>();
        if (r.diskGib() > 0 && r.source() != CreateRequest.InstallSource.EXISTING_DISK) {
            String fmt = r.source() == CreateRequest.InstallSource.CLOUD_IMAGE ? "qcow2" : r.diskFormat();
            disks.add(DomainSpec.Disk.disk(poolPath + "/" + volumeName(r), fmt));
        }
        if (r.cloudInit() != null) {
            disks.add(DomainSpec.Disk.cdrom(poolPath + "/" + r.name() + "-seed.iso"));
        }
        return DomainXmlBuilder.build(spec(r, domainType, withSource(r, disks)));
    }

    private static String volumeName(CreateRequest r) {
        return r.name() + "." + (r.diskFormat() == null ? "qcow2" : r.diskFormat());
    }

    private static List<DomainSpec.Disk> withSource(CreateRequest r, List<DomainSpec.Disk> disks) {
        List<DomainSpec.Disk> out = new ArrayList<>(disks);
        if (r.source() == CreateRequest.InstallSource.ISO) {
            out.add(DomainSpec.Disk.cdrom(r.sourcePath()));
        } else if (r.source() == CreateRequest.InstallSource.EXISTING_DISK) {
            out.add(0, DomainSpec.Disk.disk(r.sourcePath(), r.diskFormat() == null ? "qcow2" : r.diskFormat()));
        }
        return out;
    }

    private static DomainSpec spec(CreateRequest r, String type, List<DomainSpec.Disk> disks) {
        return new DomainSpec(r.name(), r.purpose(), null, type, r.vcpus(), r.memoryMib(), r.cpuMode(), r.hugePages(),
                disks, r.nics(), r.runAsRoot());
    }

    Vm create(CreateRequest r, JobContext ctx) {
        List<String> problems = problems(r);
        if (!problems.isEmpty()) {
            throw new VirtException("INVALID", String.join(" ", problems));
        }
        Host host = virt.host(r.host());
        ctx.progress(0.05, "Connecting to " + host.name());
        Hypervisor h = virt.connect(host);
        if (h.domain(r.name()).isPresent()) {
            throw new VirtException("VIR_ERR_DOM_EXIST", "A VM named '" + r.name() + "' already exists on " + host.name()
                    + " (not yet in the inventory; sync the host). Choose another name.");
        }
        String type = h.guestDomainTypes().stream().findFirst().orElse("qemu");
        ctx.log("Domain type " + type + " on " + h.uri());
        List<String> createdVolumes = new ArrayList<>();
        try {
            List<DomainSpec.Disk> disks = new ArrayList<>();
            if (r.source() == CreateRequest.InstallSource.CLOUD_IMAGE) {
                ctx.progress(0.2, "Copying the cloud image " + r.sourcePath());
                VolumeDetails v = h.cloneVolume(r.sourcePath(), volumeName(r));
                createdVolumes.add(v.path());
                ctx.log("Disk " + v.path() + " copied from " + r.sourcePath());
                if (r.diskGib() * Units.GIB > v.capacityBytes()) {
                    try {
                        h.resizeVolume(v.path(), r.diskGib() * Units.GIB);
                        ctx.log("Grew " + v.path() + " to " + r.diskGib() + " GiB (cloud-init grows the file system)");
                    } catch (VirtException e) {
                        ctx.warn("The disk keeps the image's size (" + Units.human(v.capacityBytes()) + "): "
                                + e.getMessage());
                    }
                }
                disks.add(DomainSpec.Disk.disk(v.path(), v.format() == null ? "qcow2" : v.format()));
            } else if (r.diskGib() > 0 && r.source() != CreateRequest.InstallSource.EXISTING_DISK) {
                ctx.progress(0.2, "Creating a " + r.diskGib() + " GiB disk in pool " + r.pool());
                VolumeDetails v = h.createVolume(r.pool(), volumeName(r), r.diskGib() * Units.GIB, r.diskFormat());
                createdVolumes.add(v.path());
                ctx.log("Disk " + v.path() + " (" + r.diskGib() + " GiB, " + r.diskFormat() + ")");
                disks.add(DomainSpec.Disk.disk(v.path(), r.diskFormat()));
            }
            if (r.cloudInit() != null) {
                seed(r, h, ctx).ifPresent(disks::add);
            }
            String xml = DomainXmlBuilder.build(spec(r, type, withSource(r, disks)));
            ctx.progress(0.5, "Defining " + r.name());
            h.define(xml);
            ctx.log("Defined " + r.name() + " on " + host.name());
        } catch (RuntimeException e) {
            for (String path : createdVolumes) {
                try {
                    h.deleteVolume(path);
                    ctx.warn("Removed the disk " + path + " made for the failed VM.");
                } catch (VirtException cleanup) {
                    ctx.warn("Could not remove " + path + ": " + cleanup.getMessage() + " Remove it by hand.");
                }
            }
            throw e;
        }
        Vm vm = virt.refresh(host, h, r.name()).orElseThrow();
        virt.store().audit().record(virt.actor(), "vm.create", "vm", host.name() + "/" + r.name(), null,
                r.vcpus() + " vCPU, " + r.memoryMib() + " MiB, " + r.diskGib() + " GiB", ctx.jobId());
        if (r.start()) {
            ctx.progress(0.8, "Starting " + r.name());
            try {
                h.start(r.name());
            } catch (VirtException e) {
                throw new VirtException(e.code(), r.name() + " was defined but did not start: " + e.getMessage());
            }
            ctx.log("Started " + r.name());
            vm = virt.refresh(host, h, r.name()).orElseThrow();
        }
        virt.fire("vm", vm.id(), "created");
        return vm;
    }

    /**
     * Writes the NoCloud seed (user-data, meta-data) under the data directory; attaches it as a
     * CD-ROM when an ISO tool exists and the host is this machine, else says what is missing.
     */
    private Optional<DomainSpec.Disk> seed(CreateRequest r, Hypervisor h, JobContext ctx) {
        CloudInit ci = r.cloudInit();
        Path dir = virt.dataDir().resolve("cloud-init").resolve(r.host()).resolve(r.name());
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("user-data"), ci.userData(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("meta-data"), ci.metaData(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new VirtException("IO", "Cannot write the cloud-init seed in " + dir + ": " + e.getMessage(), e);
        }
        ctx.log("cloud-init seed for " + ci.hostname() + " (user " + ci.user() + ", packages " + ci.packages() + ") in " + dir);
        if (h.isTestDriver()) {
            VolumeDetails v = h.createVolume(r.pool(), r.name() + "-seed.iso", 1 * Units.MIB, "raw");
            return Optional.of(DomainSpec.Disk.cdrom(v.path()));
        }
        Optional<Path> iso = SeedIso.build(dir);
        if (iso.isEmpty()) {
            ctx.warn("No ISO tool (genisoimage, xorriso or cloud-localds) is installed, so the seed is not attached. "
                    + "Install genisoimage, or copy " + dir + " to the host.");
            return Optional.empty();
        }
        if (!h.uri().matches("^[a-z+]+:///.*")) {
            ctx.warn("The seed ISO " + iso.get() + " is on this machine, not on the host; copy it to the host's pool.");
            return Optional.empty();
        }
        return Optional.of(DomainSpec.Disk.cdrom(iso.get().toString()));
    }
}
