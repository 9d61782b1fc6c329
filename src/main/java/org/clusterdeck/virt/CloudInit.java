package org.clusterdeck.virt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A cloud-init NoCloud seed: host name, a user with an SSH public key, and packages to install.
 * The user-data is written as JSON (valid YAML, which cloud-init reads), so no value can break
 * out of its string, whatever it contains.
 */
public record CloudInit(String hostname, String user, String sshPublicKey, List<String> packages) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER = Pattern.compile("[a-z_][a-z0-9_-]{0,31}");
    private static final Pattern PACKAGE = Pattern.compile("[a-z0-9][a-z0-9+.-]{0,99}");
    private static final Pattern SSH_KEY = Pattern.compile(
            "(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh.com) [A-Za-z0-9+/=]+( [^\\r\\n]*)?");

    /** Problems with the seed, each a sentence; empty when fine. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        NameRules.check("host", hostname).ifPresent(p -> out.add("Cloud-init " + p));
        if (user == null || !USER.matcher(user).matches()) {
            out.add("The cloud-init user must be a Linux user name (lower-case letters, digits, '_' or '-'); got '"
                    + Units.printable(String.valueOf(user)) + "'.");
        }
        if (sshPublicKey != null && !sshPublicKey.isBlank() && !SSH_KEY.matcher(sshPublicKey.strip()).matches()) {
            out.add("The SSH public key should be one line like 'ssh-ed25519 AAAA... me@laptop' (the .pub file).");
        }
        for (String p : packages) {
            if (!PACKAGE.matcher(p).matches()) {
                out.add("'" + Units.printable(p) + "' is not a package name (e.g. nginx).");
            }
        }
        return out;
    }

    public String userData() {
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("name", user);
        u.put("sudo", "ALL=(ALL) NOPASSWD:ALL");
        u.put("shell", "/bin/bash");
        Optional.ofNullable(sshPublicKey).filter(k -> !k.isBlank())
                .ifPresent(k -> u.put("ssh_authorized_keys", List.of(k.strip())));
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("hostname", hostname);
        doc.put("users", List.of(u));
        if (!packages.isEmpty()) {
            doc.put("package_update", true);
            doc.put("packages", packages);
        }
        return "#cloud-config\n" + write(doc) + "\n";
    }

    public String metaData() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("instance-id", hostname);
        doc.put("local-hostname", hostname);
        return write(doc) + "\n";
    }

    private static String write(Object o) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
