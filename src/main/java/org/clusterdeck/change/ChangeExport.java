package org.clusterdeck.change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.ShellQuote;

/**
 * Change sets as something to carry to other hosts: a POSIX shell script and an Ansible playbook
 * that uses only modules shipped with ansible-core ({@code ansible.builtin.*}). Both bring each
 * target to the state the change set left (the newest step per target wins), and both are
 * idempotent: a second run changes nothing. Every text from a change set is quoted
 * ({@link ShellQuote} in the script, JSON strings tagged {@code !unsafe} in the playbook, so Jinja
 * never evaluates it); comments lose their line breaks.
 */
public final class ChangeExport {
    public enum Format { SH, ANSIBLE }

    static final String SYSCTL_SCRIPT = "v=$(/sbin/sysctl -n -- \"$1\" | tr -s '[:blank:]' ' '); "
            + "if [ \"$v\" != \"$2\" ]; then /sbin/sysctl -w -- \"$1=$2\" >/dev/null; echo changed; fi";
    static final String FIREWALL_DIR = "/etc/clusterdeck";

    private ChangeExport() {
    }

    public static String export(List<ChangeSet> sets, Format format) {
        return format == Format.SH ? shell(sets) : ansible(sets);
    }

    /** The final value of each target over the sets still on the host, in first-touched order. */
    static List<ChangeStep> finalSteps(List<ChangeSet> sets) {
        Map<String, ChangeStep> last = new LinkedHashMap<>();
        sets.stream().filter(ChangeSet::undoable).sorted(Comparator.comparingLong(ChangeSet::id)).forEach(cs -> {
            for (ChangeStep s : cs.steps()) {
                String key = s.kind() + " " + s.target();
                last.remove(key); // a target touched again moves to its latest place: reloads stay after their files
                last.put(key, s);
            }
        });
        return new ArrayList<>(last.values());
    }

    static String comment(String s) {
        return s == null ? "" : s.replaceAll("\\p{Cntrl}", " ");
    }

    private static String header(List<ChangeSet> sets) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Exported by ClusterDeck from ").append(sets.size()).append(" change set(s):\n");
        sets.stream().sorted(Comparator.comparingLong(ChangeSet::id)).forEach(cs -> sb.append("#   #").append(cs.id()).append(' ')
                .append(comment(cs.hostName())).append(", ").append(ChangeEngine.featureLabel(cs.feature())).append(": ")
                .append(comment(cs.title())).append(" (").append(comment(cs.who())).append(", ").append(cs.createdAt())
                .append(", ").append(cs.state()).append(cs.undoable() ? "" : ", not exported").append(")\n"));
        return sb.toString();
    }

    static String shell(List<ChangeSet> sets) {
        StringBuilder sb = new StringBuilder("#!/bin/sh\n");
        sb.append(header(sets));
        sb.append("# Run as root on the target host. Each file, sysctl and ruleset is set only when it differs; commands and reloads run each time.\n");
        sb.append("set -eu\n\n");
        sb.append("write_file() { # path content: atomic (mktemp beside it, owner and mode kept, rename)\n");
        sb.append("  if [ -f \"$1\" ] && [ \"$(cat -- \"$1\"; printf x)\" = \"$2x\" ]; then return 0; fi\n");
        sb.append("  t=$(mktemp \"$(dirname -- \"$1\")/.clusterdeck.XXXXXX\")\n");
        sb.append("  printf '%s' \"$2\" > \"$t\"\n");
        sb.append("  if [ -e \"$1\" ]; then chown --reference=\"$1\" -- \"$t\"; chmod --reference=\"$1\" -- \"$t\"; else chmod 0644 -- \"$t\"; fi\n");
        sb.append("  sync -- \"$t\" 2>/dev/null || sync\n");
        sb.append("  mv -f -- \"$t\" \"$1\"\n");
        sb.append("}\n");
        sb.append("set_sysctl() { # key value\n  ").append(SYSCTL_SCRIPT.replace("$1", "$1").replace("echo changed", ":")).append("\n}\n\n");
        for (ChangeStep s : finalSteps(sets)) {
            sb.append("# ").append(s.kind()).append(' ').append(comment(s.target())).append('\n');
            switch (s.kind()) {
                case FILE -> sb.append(s.after() == null ? "rm -f -- " + ShellQuote.quote(s.target())
                        : "write_file " + ShellQuote.quote(s.target()) + " " + ShellQuote.quote(s.after())).append('\n');
                case SYSCTL -> sb.append("set_sysctl ").append(ShellQuote.quote(s.target())).append(' ')
                        .append(ShellQuote.quote(StepActions.normalize(s.after()))).append('\n');
                case FIREWALL -> {
                    boolean nft = StepActions.NFT.equals(s.target());
                    String after = nft ? StepActions.nftReplace(s.after()) : s.after();
                    String restore = nft ? "nft -c -f " + FIREWALL_DIR + "/nft.rules && nft -f"
                            : ShellQuote.join(StepActions.firewall(s.target()).get(1)) + " <";
                    String file = FIREWALL_DIR + "/" + s.target() + ".rules";
                    sb.append("mkdir -p ").append(FIREWALL_DIR).append('\n');
                    sb.append("if ! [ -f ").append(file).append(" ] || [ \"$(cat ").append(file).append("; printf x)\" != ")
                            .append(ShellQuote.quote(after + "x")).append(" ]; then\n");
                    sb.append("  write_file ").append(file).append(' ').append(ShellQuote.quote(after)).append('\n');
                    sb.append("  ").append(restore).append(' ').append(file).append('\n');
                    sb.append("fi\n");
                }
                // built from argument vectors with ShellQuote when planned, so the line is safe to run as it stands
                case COMMAND -> sb.append(s.after()).append('\n');
                case SERVICE_RELOAD -> sb.append("systemctl ").append(StepActions.checkAction(s.after())).append(" -- ")
                        .append(ShellQuote.quote(StepActions.checkUnit(s.target()))).append('\n');
            }
        }
        return sb.toString();
    }

    static String ansible(List<ChangeSet> sets) {
        StringBuilder sb = new StringBuilder("---\n");
        sb.append(header(sets));
        sb.append("# Only ansible.builtin modules: runs on a bare ansible-core. Files, sysctls and rulesets are idempotent (a second run leaves them unchanged); commands and reloads run each time.\n");
        String title = sets.size() == 1 ? "ClusterDeck change #" + sets.get(0).id() + ": " + sets.get(0).title()
                : "ClusterDeck changes of " + sets.stream().map(ChangeSet::hostName).distinct().reduce((a, b) -> a + ", " + b).orElse("");
        sb.append("- name: ").append(unsafe(title)).append('\n');
        sb.append("  hosts: all\n  become: true\n  gather_facts: false\n  tasks:\n");
        int n = 0;
        for (ChangeStep s : finalSteps(sets)) {
            n++;
            switch (s.kind()) {
                case FILE -> {
                    if (s.after() == null) {
                        sb.append("    - name: ").append(unsafe("remove " + s.target())).append('\n');
                        sb.append("      ansible.builtin.file:\n        path: ").append(unsafe(s.target())).append("\n        state: absent\n");
                    } else {
                        sb.append("    - name: ").append(unsafe("file " + s.target())).append('\n');
                        sb.append("      ansible.builtin.copy:\n        dest: ").append(unsafe(s.target())).append('\n');
                        sb.append("        content: ").append(unsafe(s.after())).append('\n');
                        if (!s.existedBefore()) {
                            sb.append("        mode: \"0644\"\n");
                        }
                    }
                }
                case SYSCTL -> {
                    sb.append("    - name: ").append(unsafe("sysctl " + s.target() + " = " + StepActions.normalize(s.after()))).append('\n');
                    sb.append("      ansible.builtin.command:\n        argv:\n");
                    for (String a : List.of("sh", "-c", SYSCTL_SCRIPT, "sysctl", s.target(), StepActions.normalize(s.after()))) {
                        sb.append("          - ").append(unsafe(a)).append('\n');
                    }
                    sb.append("      register: step").append(n).append('\n');
                    sb.append("      changed_when: \"'changed' in step").append(n).append(".stdout\"\n");
                }
                case FIREWALL -> {
                    boolean nft = StepActions.NFT.equals(s.target());
                    String file = FIREWALL_DIR + "/" + s.target() + ".rules";
                    sb.append("    - name: ").append(unsafe("directory " + FIREWALL_DIR)).append('\n');
                    sb.append("      ansible.builtin.file:\n        path: ").append(FIREWALL_DIR).append("\n        state: directory\n        mode: \"0700\"\n");
                    sb.append("    - name: ").append(unsafe(s.target() + " ruleset file")).append('\n');
                    sb.append("      ansible.builtin.copy:\n        dest: ").append(unsafe(file)).append('\n');
                    sb.append("        content: ").append(unsafe(nft ? StepActions.nftReplace(s.after()) : s.after())).append("\n        mode: \"0600\"\n");
                    sb.append("      register: step").append(n).append('\n');
                    sb.append("    - name: ").append(unsafe("load the " + s.target() + " ruleset")).append('\n');
                    sb.append("      ansible.builtin.command:\n        argv:\n");
                    String load = nft ? "nft -c -f \"$1\" && nft -f \"$1\"" : ShellQuote.join(StepActions.firewall(s.target()).get(1)) + " < \"$1\"";
                    sb.append("          - sh\n          - -c\n          - ").append(unsafe(load))
                            .append("\n          - restore\n          - ").append(unsafe(file)).append('\n');
                    sb.append("      when: step").append(n).append(".changed\n");
                }
                case COMMAND -> {
                    sb.append("    - name: ").append(unsafe(s.target())).append('\n');
                    sb.append("      ansible.builtin.command:\n        argv:\n          - sh\n          - -c\n          - ")
                            .append(unsafe(s.after())).append('\n');
                }
                case SERVICE_RELOAD -> {
                    String state = s.after().contains("restart") && !s.after().contains("reload") ? "restarted" : "reloaded";
                    sb.append("    - name: ").append(unsafe(s.after() + " " + s.target())).append('\n');
                    sb.append("      ansible.builtin.systemd:\n        name: ").append(unsafe(StepActions.checkUnit(s.target())))
                            .append("\n        state: ").append(state).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** A YAML scalar Ansible neither parses as YAML syntax nor templates: a JSON string tagged !unsafe. */
    static String unsafe(String s) {
        StringBuilder sb = new StringBuilder("!unsafe \"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
