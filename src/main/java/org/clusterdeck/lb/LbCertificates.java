package org.clusterdeck.lb;

import java.util.List;
import org.clusterdeck.change.ChangeEngine;

/**
 * Certificates for a load balancer. Lab hosts get a self-signed certificate made ON the host by
 * openssl (the key is created there with mode 0600 and never leaves it: not in the change history,
 * the audit trail or a log). Real hosts get a Let's Encrypt certificate through certbot, whose
 * command is shown to the user, never run by ClusterDeck.
 */
public final class LbCertificates {
    /** Where lab certificates live on the host. */
    public static final String LAB_DIR = "/etc/nginx/clusterdeck-tls";
    public static final String LAB_CERT = LAB_DIR + "/lb.crt";
    public static final String LAB_KEY = LAB_DIR + "/lb.key";
    /** Makes the key and certificate with umask 077: the key is 0600 from its first byte; arguments come as $1.. so no name is parsed by sh. */
    static final String LAB_SCRIPT = "umask 077; mkdir -p -- \"$1\" && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1"
            + " -nodes -days 365 -keyout \"$1/lb.key\" -out \"$1/lb.crt\" -subj \"/CN=$2\" -addext \"subjectAltName=$3\" 2>&1"
            + " && chmod 0600 -- \"$1/lb.key\" && chmod 0644 -- \"$1/lb.crt\"";

    private LbCertificates() {
    }

    /** The step that creates the lab certificate for {@code names} (the first is the subject), and whose undo removes it. */
    public static ChangeEngine.Planned labCertificateStep(List<String> names) {
        String cn = names.stream().filter(n -> !n.equals("_") && !n.startsWith("*") && !n.startsWith(".")).findFirst().orElse("localhost");
        String san = String.join(",", names.stream().filter(n -> !n.equals("_")).map(n -> (LbValidation.IPV4.matcher(n).matches() ? "IP:" : "DNS:")
                + (n.startsWith(".") ? "*" + n : n)).toList());
        return ChangeEngine.Planned.command("lab certificate " + LAB_CERT, List.of("sh", "-c", LAB_SCRIPT, "lab-certificate", LAB_DIR, cn,
                san.isEmpty() ? "DNS:localhost" : san), List.of("rm", "-rf", "--", LAB_DIR));
    }

    /**
     * The certbot commands for a real host (shown, not run): the nginx plugin answers the HTTP
     * challenge through the running nginx ('--standalone', as the source writes it, needs port 80
     * free, so it fails while nginx runs), and the deploy hook reloads nginx after every renewal.
     */
    public static List<String> certbot(List<String> names) {
        List<String> real = names.stream().filter(n -> !n.equals("_") && !n.startsWith("*") && !n.startsWith(".")).toList();
        if (real.isEmpty()) {
            throw new LbException("A Let's Encrypt certificate needs a public name in server_name (not _ or a wildcard).");
        }
        StringBuilder d = new StringBuilder();
        real.forEach(n -> d.append(" -d ").append(n));
        String first = real.get(0);
        return List.of(
                "sudo apt-get install certbot python3-certbot-nginx",
                "sudo certbot certonly --nginx" + d + " --deploy-hook 'systemctl reload nginx'",
                "# renewal: the certbot.timer unit runs 'certbot renew' twice a day and reloads nginx through the hook; test it with:",
                "sudo certbot renew --dry-run",
                "# then deploy with --certificate /etc/letsencrypt/live/" + first + "/fullchain.pem --key /etc/letsencrypt/live/"
                        + first + "/privkey.pem (Let's Encrypt names no OCSP responder since 2025: no stapling)");
    }
}
