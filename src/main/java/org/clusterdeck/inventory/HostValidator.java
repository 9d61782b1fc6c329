package org.clusterdeck.inventory;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks host input field by field. Each {@code check*} method returns the problem in words a
 * person can act on, or empty when the value is fine. The dialog shows these on the fields; the
 * CLI prints them; the service refuses to save while any remains.
 */
public final class HostValidator {
    public static final String NAME = "name";
    public static final String ADDRESS = "address";
    public static final String PORT = "port";
    public static final String USER = "user";
    public static final String KEY = "key";
    public static final String LIBVIRT = "libvirt";
    public static final String SITE = "site";

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
    private static final Pattern DNS_LABEL = Pattern.compile("(?i)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV4_SHAPE = Pattern.compile("[0-9.]+");
    private static final Pattern IPV6_SHAPE = Pattern.compile("(?i)[0-9a-f:.]+(%[a-z0-9_.-]+)?");
    private static final Pattern USER_NAME = Pattern.compile("[a-z_][a-z0-9_-]{0,31}\\$?");
    private static final Pattern SITE_NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,99}");
    private static final List<String> LIBVIRT_SCHEMES = List.of("test", "qemu", "qemu+ssh", "qemu+unix",
            "qemu+tcp", "qemu+tls", "lxc", "xen", "vz", "bhyve");

    private HostValidator() {
    }

    /** All problems of the input; empty when it can be saved. */
    public static List<FieldError> validate(HostInput in) {
        List<FieldError> errors = new ArrayList<>();
        checkSite(in.site()).ifPresent(m -> errors.add(new FieldError(SITE, m)));
        checkName(in.name()).ifPresent(m -> errors.add(new FieldError(NAME, m)));
        checkAddress(in.address()).ifPresent(m -> errors.add(new FieldError(ADDRESS, m)));
        checkPort(in.sshPort()).ifPresent(m -> errors.add(new FieldError(PORT, m)));
        checkUser(in.sshUser()).ifPresent(m -> errors.add(new FieldError(USER, m)));
        checkKeyFile(in.sshKeyPath()).ifPresent(m -> errors.add(new FieldError(KEY, m)));
        checkLibvirtUri(in.libvirtUri()).ifPresent(m -> errors.add(new FieldError(LIBVIRT, m)));
        return errors;
    }

    public static Optional<String> checkSite(String site) {
        if (blank(site)) {
            return Optional.empty(); // the default site is used
        }
        if (!SITE_NAME.matcher(site.strip()).matches()) {
            return Optional.of("Site names use letters, digits, spaces, '.', '_' or '-' (at most 100).");
        }
        return Optional.empty();
    }

    public static Optional<String> checkName(String name) {
        if (blank(name)) {
            return Optional.of("A name is required, e.g. pve1 or web-01.");
        }
        if (!HOST_NAME.matcher(name).matches()) {
            return Optional.of("Use letters, digits, '.', '_' or '-', starting with a letter or digit "
                    + "(at most 63 characters); '" + printable(name) + "' does not fit.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkAddress(String address) {
        if (blank(address)) {
            return Optional.of("An address is required: a host name, an IPv4 or an IPv6 address.");
        }
        String a = address.strip();
        if (a.contains(":")) {
            return isIpv6(a) ? Optional.empty()
                    : Optional.of("'" + printable(a) + "' is not a valid IPv6 address (e.g. fd00::10).");
        }
        if (IPV4_SHAPE.matcher(a).matches()) {
            return isIpv4(a) ? Optional.empty()
                    : Optional.of("'" + printable(a) + "' is not a valid IPv4 address: four numbers 0-255, e.g. 192.168.1.10.");
        }
        if (a.length() > 253) {
            return Optional.of("A host name has at most 253 characters.");
        }
        for (String label : a.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return Optional.of("'" + printable(a) + "' is not a valid host name: use letters, digits and '-' "
                        + "between dots, e.g. web1.example.com.");
            }
        }
        return Optional.empty();
    }

    public static Optional<String> checkPort(String port) {
        if (blank(port)) {
            return Optional.empty(); // default 22
        }
        try {
            int p = Integer.parseInt(port.strip());
            if (p >= 1 && p <= 65535) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        return Optional.of("The SSH port must be a whole number from 1 to 65535 (usually 22); got '"
                + printable(port) + "'.");
    }

    public static Optional<String> checkUser(String user) {
        if (blank(user)) {
            return Optional.empty(); // default root
        }
        if (!USER_NAME.matcher(user.strip()).matches()) {
            return Optional.of("'" + printable(user) + "' is not a valid Linux user name: lower-case letters, "
                    + "digits, '_' or '-', starting with a letter (at most 32).");
        }
        return Optional.empty();
    }

    public static Optional<String> checkKeyFile(String keyPath) {
        if (blank(keyPath)) {
            return Optional.empty();
        }
        Path p = Path.of(expandHome(keyPath.strip()));
        if (!Files.exists(p)) {
            return Optional.of("No file at " + p + ". Give the path of an existing private key, e.g. ~/.ssh/id_ed25519.");
        }
        if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
            return Optional.of(p + " is not a readable file.");
        }
        return Optional.empty();
    }

    public static Optional<String> checkLibvirtUri(String uri) {
        if (blank(uri)) {
            return Optional.empty();
        }
        String u = uri.strip();
        URI parsed;
        try {
            parsed = new URI(u);
        } catch (URISyntaxException e) {
            return Optional.of("'" + printable(u) + "' is not a URI (" + e.getReason()
                    + "). Examples: qemu:///system, qemu+ssh://root@host/system, test:///default.");
        }
        String scheme = parsed.getScheme();
        if (scheme == null || !LIBVIRT_SCHEMES.contains(scheme.toLowerCase(java.util.Locale.ROOT))) {
            return Optional.of("Unknown libvirt URI scheme '" + (scheme == null ? "" : scheme)
                    + "'. Use one of " + String.join(", ", LIBVIRT_SCHEMES) + ", e.g. qemu:///system.");
        }
        if (parsed.getPath() == null || parsed.getPath().isEmpty()) {
            return Optional.of("A libvirt URI needs a path, e.g. qemu:///system or test:///default.");
        }
        return checkLibvirtParameters(parsed.getRawQuery());
    }

    /**
     * libvirt's extra URI parameters that run a program of the URI's choosing ({@code command=}
     * on this machine, {@code netcat=} on the host) or turn off the check of who answers
     * ({@code no_verify=1}: TLS certificate or SSH host key; {@code known_hosts_verify=ignore}).
     * A URI is pasted from anywhere, and ClusterDeck may run as root, so these are refused; the
     * harmless ones (keyfile, socket, pkipath, known_hosts, sshauth, proxy, mode, no_tty …) pass.
     */
    static Optional<String> checkLibvirtParameters(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq)).strip().toLowerCase(java.util.Locale.ROOT);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1)).strip();
            switch (name) {
                case "command" -> {
                    return Optional.of("The libvirt URI option 'command=" + printable(value) + "' makes libvirt run that "
                            + "program on this machine (as the user running ClusterDeck, maybe root). ClusterDeck refuses it: "
                            + "remove the option; libvirt uses ssh by itself.");
                }
                case "netcat" -> {
                    return Optional.of("The libvirt URI option 'netcat=" + printable(value) + "' makes libvirt run that "
                            + "command on the host. ClusterDeck refuses it: remove the option (libvirt finds its own proxy).");
                }
                case "no_verify" -> {
                    if (!value.isEmpty() && !value.equals("0")) {
                        return Optional.of("The libvirt URI option 'no_verify=" + printable(value) + "' turns off the check "
                                + "of the host's certificate or SSH host key, so anyone in between could pose as the host. "
                                + "ClusterDeck refuses it: remove the option and trust the host's key or certificate instead.");
                    }
                }
                case "known_hosts_verify" -> {
                    if (value.equalsIgnoreCase("ignore")) {
                        return Optional.of("The libvirt URI option 'known_hosts_verify=ignore' turns off the SSH host key "
                                + "check, so anyone in between could pose as the host. ClusterDeck refuses it: remove the "
                                + "option (or use known_hosts_verify=normal).");
                    }
                }
                default -> {
                    // libvirt checks the rest itself
                }
            }
        }
        return Optional.empty();
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** Expands a leading {@code ~/} to the user's home directory. */
    public static String expandHome(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return System.getProperty("user.home") + path.substring(1);
        }
        return path;
    }

    static boolean isIpv4(String a) {
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.startsWith("0"))) {
                return false;
            }
            if (Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    static boolean isIpv6(String a) {
        if (!IPV6_SHAPE.matcher(a).matches()) {
            return false;
        }
        String addr = a.contains("%") ? a.substring(0, a.indexOf('%')) : a;
        int doubleColon = addr.indexOf("::");
        if (doubleColon != addr.lastIndexOf("::")) {
            return false;
        }
        String[] groups = addr.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                continue;
            }
            if (i == groups.length - 1 && g.contains(".")) {
                if (!isIpv4(g)) {
                    return false;
                }
                count += 2;
            } else if (g.length() > 4 || g.contains(".")) {
                return false;
            } else {
                count++;
            }
        }
        if (doubleColon >= 0) {
            return count < 8;
        }
        return count == 8 && !addr.startsWith(":") && !addr.endsWith(":");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Shows control characters visibly so an error message never carries a raw newline. */
    public static String printable(String s) {
        String b = org.clusterdeck.text.TerminalText.line(s);
        return b.length() > 80 ? b.substring(0, 79) + "…" : b;
    }
}
