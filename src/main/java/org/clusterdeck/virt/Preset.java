package org.clusterdeck.virt;

/**
 * Starting sizes by application type, from the source tutorial's resource matrix (CPU share 12 / 35 /
 * 68 %, memory share 18 / 42 / 55 %, 2.1 / 8.7 / 15.3 Mbps, 150 / 1,200 / 2,800 IOPS) applied to its
 * example VM of 4 vCPUs and 8 GiB, rounded up with the 20 % CPU headroom it recommends.
 */
public enum Preset {
    SMALL_BLOG("Small blog", 1, 2048, 20, 2.1, 150),
    E_COMMERCE("E-commerce", 2, 4096, 60, 8.7, 1200),
    REAL_TIME("Real-time application", 4, 6144, 80, 15.3, 2800),
    CUSTOM("Custom", 2, 2048, 20, 0, 0);

    private final String label;
    private final int vcpus;
    private final long memoryMib;
    private final long diskGib;
    private final double bandwidthMbps;
    private final int iops;

    Preset(String label, int vcpus, long memoryMib, long diskGib, double bandwidthMbps, int iops) {
        this.label = label;
        this.vcpus = vcpus;
        this.memoryMib = memoryMib;
        this.diskGib = diskGib;
        this.bandwidthMbps = bandwidthMbps;
        this.iops = iops;
    }

    public String label() {
        return label;
    }

    public int vcpus() {
        return vcpus;
    }

    public long memoryMib() {
        return memoryMib;
    }

    public long diskGib() {
        return diskGib;
    }

    public double bandwidthMbps() {
        return bandwidthMbps;
    }

    public int iops() {
        return iops;
    }

    /** One line for people: "2 vCPU, 4 GiB, 60 GiB disk; expect 8.7 Mbps and 1200 IOPS". */
    public String summary() {
        String s = vcpus + " vCPU, " + Units.human(memoryMib * Units.MIB) + ", " + diskGib + " GiB disk";
        return this == CUSTOM ? s : s + "; expect about " + bandwidthMbps + " Mbps and " + iops + " IOPS";
    }

    @Override
    public String toString() {
        return label;
    }
}
