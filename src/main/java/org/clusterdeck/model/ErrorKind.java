package org.clusterdeck.model;

/** Why a request did not get a good answer. */
public enum ErrorKind {
    /** The TCP (or TLS) connection could not be opened. */
    CONNECT,
    /** No complete answer within the timeout. */
    TIMEOUT,
    /** The connection broke or the answer was not valid HTTP. */
    READ,
    /** The server answered 4xx. */
    STATUS_4XX,
    /** The server answered 5xx. */
    STATUS_5XX
}
