package org.clusterdeck.lb;

import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.change.ChangeDiff;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.change.RemoteFiles;
import org.clusterdeck.change.RemoteHostLock;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * Deploys a generated nginx.conf to a host as ONE change set: the candidate uploaded next to the
 * live file, {@code nginx -t} against the candidate on the host (it opens the certificates, so only
 * the host can check it), the live file replaced atomically (rename), the candidate removed, nginx
 * reloaded, and a health check through the load balancer (an HTTP GET on the host that must reach a
 * backend). Any failing step undoes the earlier ones and reloads nginx again (the change engine),
 * so a broken candidate never replaces a working file; rollback and export come from the engine.
 */
public final class LbDeploy {
    public static final String FEATURE = "lb";
    public static final String LIVE = "/etc/nginx/nginx.conf";
    public static final String CANDIDATE = "/etc/nginx/nginx.conf.clusterdeck-candidate";
    /** Polls the load balancer until a backend answers (2xx-4xx; 5xx and no answer mean no backend reached). */
    static final String HEALTH_SCRIPT = "sleep 1; i=0; while :; do c=$(curl -k -s -o /dev/null -w '%{http_code}' --max-time 3 \"$1\");"
            + " case \"$c\" in [234]??) echo \"HTTP $c from a backend through $1\"; exit 0;; esac; i=$((i+1));"
            + " if [ $i -ge 10 ]; then echo \"no backend answered through the load balancer at $1 (last HTTP status $c)\" >&2; exit 1; fi;"
            + " sleep 0.5; done";

    /** How the HTTPS side gets its certificate: none (HTTP only), a lab certificate made on the host, or files already there. */
    public enum CertSource { NONE, LAB, FILES }

    /** What a deploy would do: the generated file, the file on the host now, the exact steps, and notes for the user. */
    public record Plan(String host, LbConfig config, String text, String current, List<ChangeEngine.Planned> steps, List<String> notes) {
        /** The exact diff against the host's file (empty: unchanged). */
        public String diff() {
            return ChangeDiff.unified(current, text, LIVE);
        }

        /** The commands {@link #apply} runs, in order. */
        public List<String> commands() {
            return ChangeEngine.preview(steps);
        }
    }

    private LbDeploy() {
    }

    /**
     * Reads the host (live file, curl, certificate) and plans the deploy of {@code config}. With
     * {@link CertSource#FILES} the config's certificate paths must exist on the host; the certificate
     * is read (public) to find its OCSP responder: stapling only when it names one.
     */
    public static Plan plan(RemoteShell shell, LbConfig config, CertSource certs, List<String> resolvers) {
        List<String> notes = new ArrayList<>();
        List<ChangeEngine.Planned> steps = new ArrayList<>();
        LbConfig c = config;
        if (certs == CertSource.LAB) {
            c = c.withTls(Tls.intermediate(LbCertificates.LAB_CERT, LbCertificates.LAB_KEY));
            LbValidation.require(c);
            if (exists(shell, LbCertificates.LAB_CERT) && exists(shell, LbCertificates.LAB_KEY)) {
                notes.add("Certificate: the lab certificate already on the host (" + LbCertificates.LAB_CERT + ").");
            } else {
                steps.add(LbCertificates.labCertificateStep(c.serverNames()));
                notes.add("Certificate: a self-signed lab certificate made on the host by openssl (key " + LbCertificates.LAB_KEY
                        + ", mode 0600, never leaves the host). Browsers will warn: it is for practice hosts.");
            }
            notes.add("OCSP stapling off: a self-signed certificate names no OCSP responder.");
        } else if (certs == CertSource.FILES) {
            if (c.tls() == null) {
                throw new LbException("No certificate given: name the certificate and key files on the host.");
            }
            Tls given = LbValidation.require(c).tls();
            String pem = new RemoteFiles(shell).read(given.certificate()).orElseThrow(() -> new LbException("No certificate "
                    + given.certificate() + " on " + shell.hostName() + ". Create it first (for a public name: "
                    + String.join(" && ", LbCertificates.certbot(config.serverNames()).subList(0, 2)) + ")."));
            if (!exists(shell, c.tls().key())) {
                throw new LbException("No key " + c.tls().key() + " on " + shell.hostName() + ".");
            }
            String responder = OcspResponder.of(pem).orElse(null);
            if (responder == null) {
                notes.add("OCSP stapling off: the certificate names no OCSP responder (many CAs, Let's Encrypt among them, have stopped OCSP).");
            } else if (resolvers.isEmpty()) {
                notes.add("OCSP stapling off: the certificate names " + responder + ", but nginx needs a DNS resolver to reach it: give --resolver.");
                responder = null;
            } else {
                notes.add("OCSP stapling on: the certificate names " + responder + ".");
            }
            c = c.withTls(c.tls().withOcsp(responder, responder == null ? List.of() : resolvers));
        } else {
            c = c.withTls(null);
        }
        if (c.tls() != null) {
            notes.add("TLS: Mozilla server-side TLS guidelines " + TlsProfile.GUIDELINES + ", " + c.tls().profile().id()
                    + " profile; HTTP redirected to HTTPS (308); HSTS two years without preload.");
        }
        String text = NginxGenerator.generate(c);
        CommandResult curl = shell.run(RemoteCommand.of("sh", "-c", "command -v curl"));
        if (!curl.ok()) {
            throw new LbException(shell.hostName() + " has no curl, which the health check through the load balancer uses."
                    + " Install it there (apt-get install curl).");
        }
        if (!shell.run(RemoteCommand.of("sh", "-c", "command -v nginx || test -x /usr/sbin/nginx")).ok()) {
            throw new LbException(shell.hostName() + " has no nginx. Install it there (apt-get install nginx).");
        }
        String current = new RemoteFiles(shell).read(LIVE).orElse(null);
        if (current != null && !current.startsWith(NginxGenerator.HEADER)) {
            notes.add("The host's " + LIVE + " was not written by ClusterDeck: it is replaced whole (its before-value is kept, so"
                    + " rollback restores it). Check it first with 'clusterdeck lb check --file FILE'.");
        }
        steps.add(new ChangeEngine.Planned(StepKind.FILE, CANDIDATE, text));
        steps.add(ChangeEngine.Planned.command("nginx -t " + CANDIDATE, List.of("nginx", "-t", "-q", "-c", CANDIDATE), null));
        steps.add(new ChangeEngine.Planned(StepKind.FILE, LIVE, text));
        steps.add(new ChangeEngine.Planned(StepKind.FILE, CANDIDATE, null));
        // systemctl reload runs nginx -s reload (Debian's unit); reload-or-restart also starts an nginx that was stopped
        steps.add(ChangeEngine.Planned.reload("nginx", "reload-or-restart"));
        steps.add(ChangeEngine.Planned.command("health check through the load balancer", List.of("sh", "-c", HEALTH_SCRIPT, "health",
                healthUrl(c)), null));
        return new Plan(shell.hostName(), c, text, current, List.copyOf(steps), List.copyOf(notes));
    }

    /** The URL the health check requests on the host: the HTTPS side when there is one (HTTP only redirects then). */
    static String healthUrl(LbConfig c) {
        String path = c.locations().get(0);
        return c.tls() != null ? "https://127.0.0.1:" + c.tls().httpsPort() + path : "http://127.0.0.1:" + c.listenPort() + path;
    }

    /** Applies the plan as one change set under the host's locks (this workstation's, then the host's own). */
    public static ChangeSet apply(ChangeEngine engine, RemoteShell shell, Plan plan, boolean wait, JobContext ctx) throws Exception {
        return engine.withHostLock(shell.hostName(), FEATURE, wait, ctx, () -> {
            try (RemoteHostLock onHost = engine.lockOnHost(shell, FEATURE, wait, ctx)) {
                return engine.apply(shell, FEATURE, "load balancer " + plan.config().name() + " (" + plan.config().upstream().balance().id()
                        + ", " + plan.config().upstream().servers().size() + " backends" + (plan.config().tls() == null ? "" : ", TLS") + ")",
                        plan.steps(), ctx);
            }
        });
    }

    private static boolean exists(RemoteShell shell, String path) {
        return shell.run(RemoteCommand.sudo("test", "-f", path)).ok();
    }
}
