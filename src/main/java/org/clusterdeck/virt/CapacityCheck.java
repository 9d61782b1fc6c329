package org.clusterdeck.virt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a new VM fits on a host: memory beyond what is free is refused with the numbers; vCPU
 * overcommit and a host left with less than the source's 20 % headroom are shown as warnings.
 *
 * @param hostCpus       logical CPUs of the host
 * @param hostMemoryMib  total memory of the host
 * @param freeMemoryMib  memory free for a new VM now
 * @param runningVcpus   vCPUs of the running VMs
 */
public record CapacityCheck(String host, int hostCpus, long hostMemoryMib, long freeMemoryMib, int runningVcpus) {
    public static final double HEADROOM = 0.20;

    /** The outcome: a refusal (nothing may be created) and/or warnings (allowed, but said plainly). */
    public record Verdict(Optional<String> refusal, List<String> warnings, String summary) {
        public boolean fits() {
            return refusal.isEmpty();
        }
    }

    public Verdict check(int vcpus, long memoryMib) {
        List<String> warnings = new ArrayList<>();
        String refusal = null;
        if (memoryMib > freeMemoryMib) {
            refusal = "Not enough memory on " + host + ": the VM needs " + mib(memoryMib) + " but only "
                    + mib(freeMemoryMib) + " of " + mib(hostMemoryMib) + " is free. Choose at most "
                    + mib(freeMemoryMib) + ", another host, or stop a VM there first.";
        } else if (freeMemoryMib - memoryMib < hostMemoryMib * HEADROOM) {
            warnings.add("Memory: " + host + " keeps only " + mib(freeMemoryMib - memoryMib) + " free afterwards, "
                    + "below the 20 % headroom (" + mib((long) (hostMemoryMib * HEADROOM)) + ").");
        }
        if (vcpus > hostCpus) {
            String r = "Not enough CPUs on " + host + ": the VM asks for " + vcpus + " vCPUs but the host has "
                    + hostCpus + ". Choose at most " + hostCpus + ".";
            refusal = refusal == null ? r : refusal + " " + r;
        } else if (runningVcpus + vcpus > hostCpus) {
            warnings.add(String.format(java.util.Locale.ROOT,
                    "vCPU overcommit: %d vCPUs would run on %d host CPUs (%.2f×); fine for idle VMs, slow under load.",
                    runningVcpus + vcpus, hostCpus, (runningVcpus + vcpus) / (double) hostCpus));
        } else if (runningVcpus + vcpus > hostCpus * (1 - HEADROOM)) {
            warnings.add("CPU: " + (runningVcpus + vcpus) + " of " + hostCpus + " host CPUs in use afterwards, "
                    + "above the 80 % the source recommends.");
        }
        String summary = host + ": " + hostCpus + " CPUs (" + runningVcpus + " vCPUs running), " + mib(freeMemoryMib)
                + " of " + mib(hostMemoryMib) + " memory free";
        return new Verdict(Optional.ofNullable(refusal), List.copyOf(warnings), summary);
    }

    private static String mib(long mib) {
        return Units.human(mib * Units.MIB);
    }
}
