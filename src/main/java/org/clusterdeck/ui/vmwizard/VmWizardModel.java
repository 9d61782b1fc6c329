package org.clusterdeck.ui.vmwizard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.job.Job;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.NetworkDetails;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VolumeDetails;
import org.clusterdeck.virt.CapacityCheck;
import org.clusterdeck.virt.CloudInit;
import org.clusterdeck.virt.CreateRequest;
import org.clusterdeck.virt.CreateRequest.InstallSource;
import org.clusterdeck.virt.DomainSpec;
import org.clusterdeck.virt.DomainXmlBuilder;
import org.clusterdeck.virt.NameRules;
import org.clusterdeck.virt.Preset;
import org.clusterdeck.virt.Units;
import org.clusterdeck.virt.VirtException;
import org.clusterdeck.virt.VirtService;

/**
 * The VM wizard's shared state, one instance for all its steps: every field as a property, the
 * validation of each step as an error text ("" when fine), and the request it turns into. No
 * controls here, and no I/O: host data is read once by {@link #load}.
 */
public final class VmWizardModel {
    public static final List<String> MEMORY_UNITS = List.of("MiB", "GiB");

    private final VirtService virt;
    final ObservableList<HostChoice> hosts = FXCollections.observableArrayList();
    final ObjectProperty<HostChoice> host = new SimpleObjectProperty<>();
    final StringProperty name = new SimpleStringProperty("");
    final StringProperty purpose = new SimpleStringProperty("");
    final ObjectProperty<Preset> preset = new SimpleObjectProperty<>(Preset.CUSTOM);
    final ObjectProperty<InstallSource> source = new SimpleObjectProperty<>(InstallSource.NONE);
    final ObservableList<VolumeDetails> volumes = FXCollections.observableArrayList();
    final ObjectProperty<VolumeDetails> sourceVolume = new SimpleObjectProperty<>();
    final StringProperty ciUser = new SimpleStringProperty("admin");
    final StringProperty ciSshKey = new SimpleStringProperty("");
    final StringProperty ciPackages = new SimpleStringProperty("nginx");
    final StringProperty vcpus = new SimpleStringProperty("2");
    final BooleanProperty hostPassthrough = new SimpleBooleanProperty(false);
    final StringProperty memory = new SimpleStringProperty("2");
    final StringProperty memoryUnit = new SimpleStringProperty("GiB");
    final BooleanProperty hugePages = new SimpleBooleanProperty(false);
    final ObservableList<PoolDetails> pools = FXCollections.observableArrayList();
    final ObjectProperty<PoolDetails> pool = new SimpleObjectProperty<>();
    final StringProperty diskGib = new SimpleStringProperty("20");
    final StringProperty diskFormat = new SimpleStringProperty("qcow2");
    final BooleanProperty useBridge = new SimpleBooleanProperty(false);
    final ObservableList<String> networks = FXCollections.observableArrayList();
    final StringProperty network = new SimpleStringProperty("default");
    final StringProperty bridge = new SimpleStringProperty("vmbr0");
    final StringProperty nicModel = new SimpleStringProperty("virtio");
    final StringProperty mtu = new SimpleStringProperty("");
    final BooleanProperty start = new SimpleBooleanProperty(true);

    final StringBinding nameError;
    final StringBinding sourceError;
    final StringBinding cpuError;
    final StringBinding memoryError;
    final StringBinding memoryWarning;
    final StringBinding storageError;
    final StringBinding networkError;
    final StringBinding capacitySummary;

    public VmWizardModel(VirtService virt) {
        this.virt = virt;
        host.addListener((o, a, h) -> hostChanged(h));
        source.addListener((o, a, s) -> refreshVolumes());
        preset.addListener((o, a, p) -> applyPreset(p));
        nameError = error(() -> nameProblem(), host, name);
        sourceError = error(() -> sourceProblem(), source, sourceVolume, ciUser, ciSshKey, ciPackages, name);
        cpuError = error(() -> cpuProblem(), vcpus, host);
        memoryError = error(() -> memoryProblem(), memory, memoryUnit, host, vcpus);
        memoryWarning = error(() -> verdict().map(v -> String.join(" ", v.warnings())).orElse(""), memory,
                memoryUnit, host, vcpus);
        storageError = error(() -> storageProblem(), pool, diskGib, diskFormat, source);
        networkError = error(() -> networkProblem(), useBridge, network, bridge, mtu);
        capacitySummary = error(() -> Optional.ofNullable(host.get()).map(h -> h.capacity().check(1, 0).summary())
                .orElse(""), host);
    }

    private static StringBinding error(java.util.concurrent.Callable<String> f, Observable... deps) {
        return Bindings.createStringBinding(f, deps);
    }

    /** Reads the hosts and what the last sync knew about them; blocking, run it in a job. */
    public static List<HostChoice> load(VirtService virt) {
        List<HostChoice> out = new ArrayList<>();
        for (Host h : virt.hypervisorHosts()) {
            var repo = virt.repository();
            var names = new HashSet<String>();
            virt.store().vms().findByHost(h.id()).forEach(v -> names.add(v.name()));
            out.add(new HostChoice(h, virt.isDemo(h), virt.capacityOf(h), repo.pools(h.id()), repo.networks(h.id()),
                    names));
        }
        return out;
    }

    public void setHosts(List<HostChoice> choices, String preferred) {
        hosts.setAll(choices);
        host.set(choices.stream().filter(c -> c.host().name().equals(preferred)).findFirst()
                .orElse(choices.isEmpty() ? null : choices.get(0)));
    }

    private void hostChanged(HostChoice h) {
        pools.setAll(h == null ? List.of() : h.pools());
        pool.set(pools.stream().filter(p -> p.name().equals("default")).findFirst()
                .orElse(pools.isEmpty() ? null : pools.get(0)));
        networks.setAll(h == null ? List.of() : h.networks().stream().map(NetworkDetails::name).toList());
        if (!networks.isEmpty() && !networks.contains(network.get())) {
            network.set(networks.get(0));
        }
        refreshVolumes();
    }

    private void refreshVolumes() {
        HostChoice h = host.get();
        List<VolumeDetails> all = new ArrayList<>();
        if (h != null) {
            h.pools().forEach(p -> all.addAll(p.volumes()));
        }
        InstallSource s = source.get();
        volumes.setAll(all.stream().filter(v -> switch (s) {
            case ISO -> v.name().endsWith(".iso");
            case CLOUD_IMAGE -> v.name().endsWith(".qcow2") || v.name().endsWith(".img");
            case EXISTING_DISK -> !v.name().endsWith(".iso");
            case NONE -> false;
        }).sorted(java.util.Comparator.comparing((VolumeDetails v) -> !looksLikeImage(v)).thenComparing(VolumeDetails::name))
                .toList());
        if (!volumes.contains(sourceVolume.get())) {
            // suggest an image for a cloud install and a VM disk otherwise, never another VM's disk as an image
            sourceVolume.set(volumes.stream().filter(v -> s == InstallSource.CLOUD_IMAGE ? looksLikeImage(v)
                    : s != InstallSource.EXISTING_DISK || !looksLikeImage(v)).findFirst().orElse(null));
        }
    }

    private static boolean looksLikeImage(VolumeDetails v) {
        String n = v.name().toLowerCase(java.util.Locale.ROOT);
        return n.contains("cloud") || n.endsWith(".img") || n.contains("image");
    }

    void applyPreset(Preset p) {
        if (p == null || p == Preset.CUSTOM) {
            return;
        }
        vcpus.set(String.valueOf(p.vcpus()));
        memory.set(p.memoryMib() % 1024 == 0 ? String.valueOf(p.memoryMib() / 1024) : String.valueOf(p.memoryMib()));
        memoryUnit.set(p.memoryMib() % 1024 == 0 ? "GiB" : "MiB");
        diskGib.set(String.valueOf(p.diskGib()));
        if (purpose.get().isBlank()) {
            purpose.set(p.label());
        }
    }

    // ---- validation: each returns the first problem, "" when the step is fine ----

    String nameProblem() {
        Optional<String> p = NameRules.check("VM", name.get());
        if (p.isPresent()) {
            return p.get();
        }
        if (host.get() == null) {
            return "No host to create on: add a host with a libvirt URI, or use the demo lab.";
        }
        if (host.get().vmNames().contains(name.get())) {
            return "A VM named '" + name.get() + "' already exists on " + host.get() + "; choose another name.";
        }
        return "";
    }

    String sourceProblem() {
        if (source.get() != InstallSource.NONE && sourceVolume.get() == null) {
            return "Choose the " + (source.get() == InstallSource.ISO ? "ISO image" : source.get() == InstallSource.CLOUD_IMAGE
                    ? "cloud image" : "disk") + " from a storage pool (sync the host if the list is empty).";
        }
        if (source.get() == InstallSource.CLOUD_IMAGE) {
            List<String> problems = cloudInit().problems();
            return problems.isEmpty() ? "" : problems.get(0);
        }
        return "";
    }

    Optional<Integer> vcpuCount() {
        try {
            return Optional.of(Integer.parseInt(vcpus.get().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String cpuProblem() {
        Optional<Integer> n = vcpuCount();
        if (n.isEmpty() || n.get() < 1) {
            return "vCPUs must be a whole number of at least 1; got '" + Units.printable(vcpus.get()) + "'.";
        }
        return verdict().flatMap(CapacityCheck.Verdict::refusal).filter(r -> r.contains("CPUs")).orElse("");
    }

    Optional<Long> memoryMib() {
        try {
            return Optional.of(Units.parseMib(memory.get().strip() + memoryUnit.get()));
        } catch (VirtException e) {
            return Optional.empty();
        }
    }

    String memoryProblem() {
        try {
            long mib = Units.parseMib(memory.get().strip() + memoryUnit.get());
            if (mib < 16) {
                return "Memory must be at least 16 MiB.";
            }
        } catch (VirtException e) {
            return "Memory is a number, e.g. 8 (GiB) or 512 (MiB); got '" + Units.printable(memory.get()) + "'.";
        }
        return verdict().flatMap(CapacityCheck.Verdict::refusal).filter(r -> r.contains("memory")).orElse("");
    }

    /** The capacity verdict for the current vCPUs and memory on the chosen host. */
    Optional<CapacityCheck.Verdict> verdict() {
        if (host.get() == null || memoryMib().isEmpty() || vcpuCount().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(host.get().capacity().check(vcpuCount().get(), memoryMib().get()));
    }

    Optional<Long> diskSize() {
        try {
            return Optional.of(Long.parseLong(diskGib.get().strip()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String storageProblem() {
        if (source.get() == InstallSource.EXISTING_DISK) {
            return "";
        }
        if (diskSize().isEmpty() || diskSize().get() < 0) {
            return "Disk size is a whole number of GiB (0 for no disk); got '" + Units.printable(diskGib.get()) + "'.";
        }
        if (diskSize().get() > 0 && pool.get() == null) {
            return "Choose the storage pool for the disk (sync the host if the list is empty).";
        }
        return "";
    }

    Optional<Integer> mtuValue() {
        if (mtu.get() == null || mtu.get().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(mtu.get().strip()));
        } catch (NumberFormatException e) {
            return Optional.of(-1);
        }
    }

    String networkProblem() {
        List<String> problems = DomainXmlBuilder.problems(new DomainSpec("x", null, null, "kvm", 1, 64, null, false,
                List.of(), List.of(nic()), false));
        return problems.isEmpty() ? "" : problems.get(0);
    }

    private DomainSpec.Nic nic() {
        return new DomainSpec.Nic(useBridge.get(), useBridge.get() ? bridge.get() : network.get(), nicModel.get(),
                mtuValue().orElse(null), null);
    }

    private CloudInit cloudInit() {
        List<String> pkgs = Arrays.stream(ciPackages.get().split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        return new CloudInit(name.get(), ciUser.get().strip(), ciSshKey.get().strip(), pkgs);
    }

    /** Every step's problem, in order; empty when the VM can be created. */
    public List<String> problems() {
        return java.util.stream.Stream.of(nameError, sourceError, cpuError, memoryError, storageError, networkError)
                .map(StringBinding::get).filter(s -> !s.isEmpty()).toList();
    }

    public CreateRequest toRequest() {
        InstallSource s = source.get();
        return new CreateRequest(host.get().host().name(), name.get(), purpose.get().isBlank() ? null : purpose.get(),
                vcpuCount().orElse(0), memoryMib().orElse(0L), hostPassthrough.get() ? "host-passthrough" : null,
                hugePages.get(), s, s == InstallSource.NONE || sourceVolume.get() == null ? null : sourceVolume.get().path(),
                s == InstallSource.CLOUD_IMAGE ? cloudInit() : null, pool.get() == null ? "default" : pool.get().name(),
                s == InstallSource.EXISTING_DISK ? 0 : diskSize().orElse(0L), diskFormat.get(), List.of(nic()),
                start.get(), false);
    }

    /** The domain XML the summary shows, or the reason there is none yet. */
    public String previewXml() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            return "<!-- Not ready: " + problems.get(0).replace("--", "- -") + " -->";
        }
        String path = pool.get() == null ? "/var/lib/libvirt/images" : pool.get().path();
        return VirtService.previewXml(toRequest(), host.get().domainType(), path);
    }

    /** Defines (and optionally starts) the VM in a job; refuses when a step still has a problem. */
    public Job<Vm> submit() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new VirtException("INVALID", String.join(" ", problems));
        }
        return virt.create(toRequest());
    }

    public VirtService virt() {
        return virt;
    }
}
