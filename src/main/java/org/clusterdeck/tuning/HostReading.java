package org.clusterdeck.tuning;

/** What a host has now: every sysctl value, and ClusterDeck's persistent file (null when absent). */
public record HostReading(String hostName, HostSysctls sysctls, String fileContent) {
}
