package org.clusterdeck.virt;

import org.libvirt.Library;
import org.libvirt.LibvirtException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * libvirt's default event loop on one daemon thread. Keepalive (noticing a dead remote host within
 * seconds instead of at the next call) only works with an event loop, registered before the
 * connection is opened.
 */
final class LibvirtEventLoop {
    private static final Logger LOG = LoggerFactory.getLogger(LibvirtEventLoop.class);
    private static boolean started;

    private LibvirtEventLoop() {
    }

    /** Starts the loop once per process; false when libvirt refused (keepalive then stays off). */
    static synchronized boolean ensureStarted() {
        if (started) {
            return true;
        }
        try {
            Library.initEventLoop();
        } catch (LibvirtException e) {
            LOG.warn("libvirt event loop unavailable, keepalive disabled: {}", e.getMessage());
            return false;
        }
        Thread t = new Thread(() -> {
            try {
                Library.runEventLoop();
            } catch (LibvirtException e) {
                LOG.error("libvirt event loop stopped: {}", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "libvirt-events");
        t.setDaemon(true);
        t.start();
        started = true;
        return true;
    }
}
