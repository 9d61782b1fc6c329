package org.clusterdeck.virt;

import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.jna.Libvirt;

/** Turns libvirt's errors into {@link VirtException}s with a hint, and keeps libvirt from printing them to stderr. */
final class LibvirtErrors {
    /** Held in a field: JNA callbacks must stay reachable, or native code calls freed memory. */
    private static final Libvirt.VirErrorCallback QUIET = (userData, error) -> {
    };
    private static volatile boolean silenced;

    private LibvirtErrors() {
    }

    static synchronized void silence() {
        if (silenced) {
            return;
        }
        try {
            Connect.setErrorCallback(QUIET);
            silenced = true;
        } catch (LibvirtException e) {
            // the errors still reach us as exceptions; only stderr stays noisy
        }
    }

    static VirtException translate(LibvirtException e, String what) {
        org.libvirt.Error err = e.getError();
        String code = err == null || err.getCode() == null ? "VIR_ERR_UNKNOWN" : err.getCode().name();
        String detail = err == null || err.getMessage() == null ? String.valueOf(e.getMessage()) : err.getMessage();
        return new VirtException(code, what + ": " + detail.strip() + hint(code, detail), e);
    }

    private static String hint(String code, String detail) {
        String d = detail.toLowerCase(java.util.Locale.ROOT);
        return switch (code) {
            case "VIR_ERR_NO_DOMAIN" -> ". Refresh the host (clusterdeck hosts sync) to see its current VMs.";
            case "VIR_ERR_NO_CONNECT", "VIR_ERR_SYSTEM_ERROR", "VIR_ERR_RPC" -> d.contains("no such file")
                    || d.contains("connection refused") || d.contains("failed to connect")
                    ? ". Is libvirtd running on that host (systemctl start libvirtd) and is the URI right?"
                    : ". Check that the host is reachable and libvirtd is running.";
            case "VIR_ERR_AUTH_FAILED", "VIR_ERR_AUTH_CANCELLED", "VIR_ERR_ACCESS_DENIED" ->
                    ". Check the user's permissions on libvirt (group libvirt, or connect as root).";
            case "VIR_ERR_OPERATION_INVALID" -> ". The VM is not in a state that allows this; refresh and try again.";
            case "VIR_ERR_NO_SUPPORT" -> ". This host's libvirt driver cannot do that.";
            case "VIR_ERR_XML_ERROR", "VIR_ERR_XML_DETAIL" -> ". The VM description was rejected; this is a bug worth reporting.";
            case "VIR_ERR_DOM_EXIST", "VIR_ERR_OPERATION_FAILED" -> d.contains("already exists")
                    ? ". Choose another name." : ".";
            case "VIR_ERR_NO_STORAGE_POOL" -> ". Pick one of the host's storage pools (clusterdeck hosts sync shows them).";
            case "VIR_ERR_NO_NETWORK" -> ". Pick one of the host's networks, or a host bridge such as vmbr0.";
            case "VIR_ERR_NO_DOMAIN_SNAPSHOT" -> ". '" + org.clusterdeck.text.Invocation.command("vm snapshot list") + "' shows the snapshots.";
            default -> ".";
        };
    }
}
