package org.clusterdeck.remote;

import java.time.Duration;

/** Connection timing: how long to wait for a host to answer, and how often to check it is alive. */
public record SshOptions(Duration connectTimeout, Duration keepAliveInterval) {
    public static final SshOptions DEFAULTS = new SshOptions(Duration.ofSeconds(10), Duration.ofSeconds(15));

    public SshOptions {
        connectTimeout = connectTimeout == null ? DEFAULTS.connectTimeout : connectTimeout;
        keepAliveInterval = keepAliveInterval == null ? DEFAULTS.keepAliveInterval : keepAliveInterval;
    }
}
