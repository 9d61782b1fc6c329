package org.clusterdeck.scan;

import java.util.List;

/**
 * What a port scan of one target found: open ports (with the banner a service sent first, if
 * any), how many answered closed, the ports that never answered after the retries (filtered), and
 * the scan's wall time.
 */
public record PortScanResult(String target, String address, List<OpenPort> open, int closedCount,
        List<Integer> filtered, long elapsedMs) {

    /** An open port and the first bytes its service sent unasked ("" when it waits for the client). */
    public record OpenPort(int port, String banner) {
    }

    public List<Integer> openPorts() {
        return open.stream().map(OpenPort::port).toList();
    }
}
