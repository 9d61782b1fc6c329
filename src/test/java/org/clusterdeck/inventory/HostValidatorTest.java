package org.clusterdeck.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostValidatorTest {
    @ParameterizedTest
    @ValueSource(strings = {"pve1", "web-01", "db.primary", "A_b", "x"})
    void goodNamesPass(String name) {
        assertThat(HostValidator.checkName(name)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "-lead", "has space", "semi;colon", "$(reboot)", "quote'd", "new\nline",
            "back`tick`", "a/b"})
    void hostileOrMalformedNamesAreRefusedWithTheRule(String name) {
        assertThat(HostValidator.checkName(name)).hasValueSatisfying(m -> {
            assertThat(m).doesNotContain("\n");
            assertThat(m).containsAnyOf("letters, digits", "required");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.168.1.10", "10.0.0.1", "255.255.255.255", "::1", "fd00::10", "2001:db8::8a2e:370:7334",
            "fe80::1%eth0", "::ffff:192.168.1.1", "web1.example.com", "localhost", "pve1"})
    void goodAddressesPass(String address) {
        assertThat(HostValidator.checkAddress(address)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.400", "1.2.3", "01.2.3.4", "1.2.3.4.5", "fd00:::1", "1:2:3:4:5:6:7:8:9", "-bad.example",
            "bad_host.example", "a..b", "host;rm -rf /", "$(id)"})
    void badAddressesAreRefused(String address) {
        assertThat(HostValidator.checkAddress(address)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "65536", "-1", "22x", "abc", "1e3"})
    void portsOutsideTheRangeAreRefusedWithTheRange(String port) {
        assertThat(HostValidator.checkPort(port)).hasValueSatisfying(m -> assertThat(m).contains("1 to 65535"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "22", "2222", "65535", ""})
    void portsInRangeOrBlankPass(String port) {
        assertThat(HostValidator.checkPort(port)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"qemu:///system", "qemu+ssh://root@pve1/system", "test:///default",
            "test:///var/lib/clusterdeck/pve1.xml", "qemu+unix:///system?socket=/tmp/x/libvirt-sock",
            "qemu+ssh://root@pve1/system?keyfile=/root/.ssh/id_ed25519&no_tty=1&proxy=native",
            "qemu+tls://pve1/system?no_verify=0", "qemu+ssh://pve1/system?known_hosts_verify=normal"})
    void libvirtUrisPass(String uri) {
        assertThat(HostValidator.checkLibvirtUri(uri)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://pve1/", "qemu", "qemu:system", "qemu+ssh://root@pve1 /system", "vmware:///x"})
    void badLibvirtUrisAreRefusedWithAnExample(String uri) {
        assertThat(HostValidator.checkLibvirtUri(uri)).hasValueSatisfying(m -> assertThat(m).contains("qemu:///system"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "qemu+ssh://root@pve1/system?command=/tmp/evil.sh | run that program on this machine",
            "qemu+ssh://root@pve1/system?COMMAND=%2Ftmp%2Fevil | run that program on this machine",
            "qemu+ssh://root@pve1/system?keyfile=/k&netcat=nc%20-e%20sh | run that command on the host",
            "qemu+tls://pve1/system?no_verify=1 | turns off the check of the host's certificate or SSH host key",
            "qemu+ssh://pve1/system?no_verify=yes | anyone in between could pose as the host",
            "qemu+ssh://pve1/system?known_hosts_verify=ignore | turns off the SSH host key check"})
    void libvirtOptionsThatRunCommandsOrSkipVerificationAreRefusedSayingWhy(String uri, String why) {
        assertThat(HostValidator.checkLibvirtUri(uri)).hasValueSatisfying(m ->
                assertThat(m).contains(why).contains("ClusterDeck refuses it: remove the option"));
    }

    @Test
    void keyFileMustExist(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("id_ed25519");
        assertThat(HostValidator.checkKeyFile(key.toString())).hasValueSatisfying(m -> assertThat(m).contains("No file"));
        Files.writeString(key, "-----BEGIN OPENSSH PRIVATE KEY-----");
        assertThat(HostValidator.checkKeyFile(key.toString())).isEmpty();
        assertThat(HostValidator.checkKeyFile(dir.toString())).hasValueSatisfying(m -> assertThat(m).contains("not a readable file"));
    }

    @Test
    void validateListsEveryBadFieldAtOnce() {
        var errors = HostValidator.validate(new HostInput(null, "bad name", "1.2.3.999", "0", "Root!", "/no/such/key",
                "http://x", null, null));
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("name", "address", "port", "user", "key", "libvirt");
    }

    @Test
    void printableShowsControlCharacters() {
        assertThat(HostValidator.printable("a\nb\tc\u0007")).isEqualTo("a\\nb\\tc\\x07");
    }
}
