package org.clusterdeck.virt;

/**
 * A virtualization operation failed. {@link #code()} is libvirt's error code name (e.g.
 * {@code VIR_ERR_NO_DOMAIN}) or one of ours ({@code NO_LIBVIRT}, {@code TIMEOUT}, {@code INVALID});
 * the message says what happened and what to do about it.
 */
public class VirtException extends RuntimeException {
    private final String code;

    public VirtException(String code, String message) {
        super(message);
        this.code = code;
    }

    public VirtException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
