package org.clusterdeck.virt;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Builds libvirt domain XML from a {@link DomainSpec} with the DOM: user text (name, title,
 * description, paths) only ever becomes escaped XML text or attribute values. Checks the spec
 * first and throws {@link VirtException} naming the bad value.
 */
public final class DomainXmlBuilder {
    public static final int MIN_MTU = 68;
    public static final int MAX_MTU = 65535;

    private DomainXmlBuilder() {
    }

    /** The problems of the spec, each a sentence; empty when it can be built. */
    public static List<String> problems(DomainSpec s) {
        List<String> out = new ArrayList<>();
        NameRules.check("VM", s.name()).ifPresent(out::add);
        if (s.vcpus() < 1 || s.vcpus() > 4096) {
            out.add("vCPUs must be from 1 to 4096; got " + s.vcpus() + ".");
        }
        if (s.memoryMib() < 16) {
            out.add("Memory must be at least 16 MiB; got " + s.memoryMib() + " MiB.");
        }
        if (s.cpuMode() != null && !List.of("host-passthrough", "host-model").contains(s.cpuMode())) {
            out.add("CPU mode is host-passthrough, host-model or the default; got '" + Units.printable(s.cpuMode()) + "'.");
        }
        int n = 0;
        for (DomainSpec.Nic nic : s.nics()) {
            n++;
            if (nic.source() == null || nic.source().isBlank()) {
                out.add("Network " + n + " needs a libvirt network or a host bridge, e.g. default or vmbr0.");
            } else if (!nic.source().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
                out.add("'" + Units.printable(nic.source()) + "' is not a network or bridge name.");
            }
            if (nic.mtu() != null && (nic.mtu() < MIN_MTU || nic.mtu() > MAX_MTU)) {
                out.add("MTU must be from " + MIN_MTU + " to " + MAX_MTU + " (1500 usual, 9000 for jumbo frames); got "
                        + nic.mtu() + ".");
            }
            if (nic.mac() != null && !nic.mac().matches("(?i)([0-9a-f]{2}:){5}[0-9a-f]{2}")) {
                out.add("'" + Units.printable(nic.mac()) + "' is not a MAC address like 52:54:00:12:34:56.");
            }
        }
        for (DomainSpec.Disk d : s.disks()) {
            if (d.path() == null || !d.path().startsWith("/") || d.path().contains("\n")) {
                out.add("Disk paths are absolute file paths; got '" + Units.printable(String.valueOf(d.path())) + "'.");
            }
            if (d.format() != null && !List.of("qcow2", "raw").contains(d.format())) {
                out.add("Disk format is qcow2 or raw; got '" + Units.printable(d.format()) + "'.");
            }
        }
        return out;
    }

    public static String build(DomainSpec s) {
        List<String> problems = problems(s);
        if (!problems.isEmpty()) {
            throw new VirtException("INVALID", String.join(" ", problems));
        }
        return Xml.toString(document(s));
    }

    static Document document(DomainSpec s) {
        Document doc = Xml.newDocument("domain");
        Element d = doc.getDocumentElement();
        d.setAttribute("type", s.domainType());
        Xml.add(d, "name", s.name());
        if (s.title() != null && !s.title().isBlank()) {
            Xml.add(d, "title", s.title().replaceAll("[\\r\\n]+", " ")); // libvirt refuses multi-line titles
        }
        if (s.description() != null && !s.description().isBlank()) {
            Xml.add(d, "description", s.description());
        }
        Xml.attrs(Xml.add(d, "memory", s.memoryMib()), "unit", "MiB");
        Xml.attrs(Xml.add(d, "currentMemory", s.memoryMib()), "unit", "MiB");
        if (s.hugePages()) {
            Xml.add(Xml.add(d, "memoryBacking"), "hugepages");
        }
        Xml.attrs(Xml.add(d, "vcpu", s.vcpus()), "placement", "static");
        Element os = Xml.add(d, "os");
        boolean test = "test".equals(s.domainType());
        Xml.attrs(Xml.add(os, "type", "hvm"), "arch", test ? null : "x86_64");
        Xml.attrs(Xml.add(os, "boot"), "dev", "hd");
        Xml.attrs(Xml.add(os, "boot"), "dev", "cdrom");
        if (!test) {
            Element features = Xml.add(d, "features");
            Xml.add(features, "acpi");
            Xml.add(features, "apic");
        }
        if (s.cpuMode() != null) {
            Xml.attrs(Xml.add(d, "cpu"), "mode", s.cpuMode());
        }
        Xml.attrs(Xml.add(d, "clock"), "offset", "utc");
        Xml.add(d, "on_poweroff", "destroy");
        Xml.add(d, "on_reboot", "restart");
        Xml.add(d, "on_crash", "destroy");
        Element devices = Xml.add(d, "devices");
        int vd = 0;
        int sd = 0;
        for (DomainSpec.Disk disk : s.disks()) {
            boolean cdrom = "cdrom".equals(disk.device());
            Element e = Xml.attrs(Xml.add(devices, "disk"), "type", "file", "device", cdrom ? "cdrom" : "disk");
            Xml.attrs(Xml.add(e, "driver"), "name", "qemu", "type", disk.format() == null ? "raw" : disk.format());
            Xml.attrs(Xml.add(e, "source"), "file", disk.path());
            String target = cdrom ? "sd" + (char) ('a' + sd++) : "vd" + (char) ('a' + vd++);
            Xml.attrs(Xml.add(e, "target"), "dev", target, "bus", cdrom ? "sata" : "virtio");
            if (disk.readOnly()) {
                Xml.add(e, "readonly");
            }
        }
        for (DomainSpec.Nic nic : s.nics()) {
            Element e = Xml.attrs(Xml.add(devices, "interface"), "type", nic.bridge() ? "bridge" : "network");
            if (nic.mac() != null) {
                Xml.attrs(Xml.add(e, "mac"), "address", nic.mac().toLowerCase(java.util.Locale.ROOT));
            }
            Xml.attrs(Xml.add(e, "source"), nic.bridge() ? "bridge" : "network", nic.source());
            Xml.attrs(Xml.add(e, "model"), "type", nic.model() == null ? "virtio" : nic.model());
            if (nic.mtu() != null) {
                Xml.attrs(Xml.add(e, "mtu"), "size", nic.mtu());
            }
        }
        if (!test) {
            Xml.attrs(Xml.add(devices, "serial"), "type", "pty");
            Xml.attrs(Xml.add(devices, "console"), "type", "pty");
            Xml.attrs(Xml.add(devices, "memballoon"), "model", "virtio");
        }
        if (s.runAsRoot()) {
            Element sec = Xml.attrs(Xml.add(d, "seclabel"), "type", "static", "model", "dac", "relabel", "no");
            Xml.add(sec, "label", "+0:+0");
        }
        return doc;
    }
}
