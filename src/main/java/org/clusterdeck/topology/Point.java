package org.clusterdeck.topology;

/** A point in diagram coordinates. */
public record Point(double x, double y) {
}
