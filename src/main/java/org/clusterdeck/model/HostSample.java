package org.clusterdeck.model;

import java.util.Locale;

/** A host's load during one second of a run: CPU and memory in percent, network and disk in bytes/s. */
public record HostSample(long startMs, double cpuPercent, double memoryPercent, double netRxBytesPerSec,
                         double netTxBytesPerSec, double diskReadBytesPerSec, double diskWriteBytesPerSec) {

    public String encode() {
        return String.format(Locale.ROOT, "%d,%.1f,%.1f,%.0f,%.0f,%.0f,%.0f", startMs, cpuPercent, memoryPercent,
                netRxBytesPerSec, netTxBytesPerSec, diskReadBytesPerSec, diskWriteBytesPerSec);
    }

    public static HostSample decode(String line) {
        String[] f = line.split(",");
        if (f.length != 7) {
            throw new IllegalArgumentException("bad host sample line: " + line);
        }
        return new HostSample(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]));
    }
}
