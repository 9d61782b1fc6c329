package org.clusterdeck.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/** Domain XML from the builder: valid for libvirt's schema, hostile text escaped, bad values refused. */
class DomainXmlBuilderTest {
    private static final String HOSTILE = "x'\"; $(rm -rf /) `id` <evil/> & \n second line";

    @TempDir
    Path tmp;

    static DomainSpec full(String type) {
        return new DomainSpec("web3", "Web server " + HOSTILE, HOSTILE, type, 4, 8192, "host-passthrough", true,
                List.of(DomainSpec.Disk.disk("/var/lib/libvirt/images/web3.qcow2", "qcow2"),
                        DomainSpec.Disk.cdrom("/var/lib/libvirt/images/debian.iso")),
                List.of(new DomainSpec.Nic(false, "default", "virtio", 9000, "52:54:00:12:34:56"),
                        new DomainSpec.Nic(true, "vmbr0", "virtio", null, null)), false);
    }

    private static String validate(Path file) throws Exception {
        Path tool = Path.of("/usr/bin/virt-xml-validate");
        boolean present = Files.isExecutable(tool) && Files.isExecutable(Path.of("/usr/bin/xmllint"));
        RealParts.require(present, "virt-xml-validate or xmllint is missing; install the Debian packages "
                + "libvirt-clients and libxml2-utils");
        Process p = new ProcessBuilder(tool.toString(), file.toString(), "domain").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kvm", "qemu", "test"})
    void generatedXmlIsValidAgainstLibvirtsSchema(String type) throws Exception {
        Path file = tmp.resolve(type + ".xml");
        Files.writeString(file, DomainXmlBuilder.build(full(type)));
        assertThat(validate(file)).contains("validates");
    }

    @Test
    void diskless64MibDomainForTheEndToEndTestIsValid() throws Exception {
        Path file = tmp.resolve("tiny.xml");
        Files.writeString(file, DomainXmlBuilder.build(new DomainSpec("tiny", null, null, "qemu", 1, 64, null, false,
                List.of(), List.of(), true)));
        validate(file);
    }

    @Test
    void hostileTextStaysTextAndSurvivesTheRoundTrip() {
        String xml = DomainXmlBuilder.build(full("kvm"));
        assertThat(xml).doesNotContain("<evil/>").contains("&lt;evil/&gt;");
        Element root = Xml.parse(xml).getDocumentElement();
        assertThat(Xml.child(root, "description").getTextContent()).isEqualTo(HOSTILE);
        assertThat(Xml.child(root, "title").getTextContent()).doesNotContain("\n");
        assertThat(root.getElementsByTagName("mtu").item(0).getAttributes().getNamedItem("size").getNodeValue())
                .isEqualTo("9000");
        assertThat(root.getElementsByTagName("hugepages").getLength()).isOne();
        assertThat(Xml.child(root, "cpu").getAttribute("mode")).isEqualTo("host-passthrough");
    }

    @ParameterizedTest
    @ValueSource(strings = {"web;reboot", "$(id)", "../etc", "a b", "-dash", "", "x\ny", "café",
            "a1234567890123456789012345678901234567890123456789012345678901234"})
    void namesOutsideThePortableFormAreRefusedWithTheRule(String name) {
        DomainSpec s = new DomainSpec(name, null, null, "kvm", 1, 512, null, false, List.of(), List.of(), false);
        assertThatThrownBy(() -> DomainXmlBuilder.build(s)).isInstanceOf(VirtException.class)
                .hasMessageContaining("letters, digits");
    }

    @Test
    void badNumbersAreEachNamed() {
        DomainSpec s = new DomainSpec("ok", null, null, "kvm", 0, 8, "turbo", false,
                List.of(new DomainSpec.Disk("relative.qcow2", "vmdk", "disk", false)),
                List.of(new DomainSpec.Nic(false, "default", "virtio", 70000, "zz")), false);
        assertThat(DomainXmlBuilder.problems(s)).hasSize(7).anySatisfy(p -> assertThat(p).contains("vCPUs"))
                .anySatisfy(p -> assertThat(p).contains("MTU")).anySatisfy(p -> assertThat(p).contains("MAC"))
                .anySatisfy(p -> assertThat(p).contains("format"));
    }

    @Test
    void sizesParseWithUnitsAndRefuseNonsense() {
        assertThat(Units.parseMib("8GiB")).isEqualTo(8192);
        assertThat(Units.parseMib("512")).isEqualTo(512);
        assertThat(Units.parseMib("1.5 G")).isEqualTo(1536);
        assertThat(Units.parseGib("40GiB")).isEqualTo(40);
        assertThatThrownBy(() -> Units.parseMib("8XB")).hasMessageContaining("'XB' is not a size unit");
        assertThatThrownBy(() -> Units.parseMib("lots")).hasMessageContaining("not a size");
    }

    @Test
    void cloudInitUserDataKeepsHostileValuesInsideJsonStrings() throws Exception {
        CloudInit ci = new CloudInit("web3", "deploy", "ssh-ed25519 AAAAC3Nza me\"; rm -rf /", List.of("nginx"));
        assertThat(ci.problems()).isEmpty();
        String ud = ci.userData();
        assertThat(ud).startsWith("#cloud-config\n");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(ud.substring(ud.indexOf('\n') + 1));
        assertThat(tree.get("users").get(0).get("ssh_authorized_keys").get(0).asText()).endsWith("me\"; rm -rf /");
        assertThat(tree.get("packages").get(0).asText()).isEqualTo("nginx");
        assertThat(new CloudInit("web3", "Root!", "not a key", List.of("nginx; curl x|sh")).problems()).hasSize(3);
    }
}
