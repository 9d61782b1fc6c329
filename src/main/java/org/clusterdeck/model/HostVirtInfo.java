package org.clusterdeck.model;

import java.time.Instant;

/** What the last sync learned about a hypervisor host beyond {@link Host}'s hardware fields. */
public record HostVirtInfo(long hostId, Long freeMemoryMib, Integer cpuMhz, String driver, Instant syncedAt,
                           String lastError) {
}
