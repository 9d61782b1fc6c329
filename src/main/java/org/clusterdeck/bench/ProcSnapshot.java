package org.clusterdeck.bench;

import org.clusterdeck.model.HostSample;
/**
 * The counters of one reading of /proc/stat, /proc/meminfo, /proc/net/dev and /proc/diskstats,
 * parsed from their text so a local and a remote (SSH) sampler share the parsing.
 */
public record ProcSnapshot(long nanos, long cpuBusy, long cpuTotal, long memTotalKb, long memAvailableKb,
                           long netRx, long netTx, long diskReadSectors, long diskWriteSectors) {

    public static ProcSnapshot parse(long nanos, String stat, String meminfo, String netDev, String diskstats) {
        long busy = 0;
        long total = 0;
        for (String line : stat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                for (int i = 1; i < f.length && i <= 8; i++) {
                    long v = Long.parseLong(f[i]);
                    total += v;
                    if (i != 4 && i != 5) { // idle and iowait are not busy
                        busy += v;
                    }
                }
                break;
            }
        }
        long memTotal = 0;
        long memAvail = 0;
        for (String line : meminfo.split("\n")) {
            if (line.startsWith("MemTotal:")) {
                memTotal = firstNumber(line);
            } else if (line.startsWith("MemAvailable:")) {
                memAvail = firstNumber(line);
            }
        }
        long rx = 0;
        long tx = 0;
        for (String line : netDev.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.contains("|")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            if (f.length >= 9) {
                rx += Long.parseLong(f[0]);
                tx += Long.parseLong(f[8]);
            }
        }
        long rd = 0;
        long wr = 0;
        for (String line : diskstats.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 10 && wholeDisk(f[2])) {
                rd += Long.parseLong(f[5]);
                wr += Long.parseLong(f[9]);
            }
        }
        return new ProcSnapshot(nanos, busy, total, memTotal, memAvail, rx, tx, rd, wr);
    }

    /** Whole disks only, so partitions are not counted twice; loop and RAM devices are not disks. */
    static boolean wholeDisk(String name) {
        if (name.startsWith("loop") || name.startsWith("ram") || name.startsWith("dm-") || name.startsWith("zram")) {
            return false;
        }
        if (name.matches("(sd|hd|vd|xvd)[a-z]+")) {
            return true;
        }
        return name.matches("(nvme\\d+n\\d+|mmcblk\\d+)");
    }

    /** The load between an earlier snapshot and this one. */
    public HostSample since(ProcSnapshot before, long startMs) {
        double secs = Math.max(1e-3, (nanos - before.nanos) / 1e9);
        long dt = cpuTotal - before.cpuTotal;
        double cpu = dt <= 0 ? 0 : 100.0 * (cpuBusy - before.cpuBusy) / dt;
        double mem = memTotalKb <= 0 ? 0 : 100.0 * (memTotalKb - memAvailableKb) / memTotalKb;
        return new HostSample(startMs, cpu, mem, (netRx - before.netRx) / secs, (netTx - before.netTx) / secs,
                (diskReadSectors - before.diskReadSectors) * 512 / secs, (diskWriteSectors - before.diskWriteSectors) * 512 / secs);
    }

    private static long firstNumber(String line) {
        String digits = line.replaceAll("[^0-9]+", " ").trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits.split(" ")[0]);
    }
}
