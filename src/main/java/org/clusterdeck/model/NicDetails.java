package org.clusterdeck.model;

/** One network interface of a domain: MAC, type (network or bridge), what it is attached to, model, MTU. */
public record NicDetails(String mac, String type, String source, String model, Integer mtu) {
}
