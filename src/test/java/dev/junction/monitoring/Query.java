package dev.junction.monitoring;

/** A PromQL expression in a monitoring file, and where in the file it is: what a failure message names. */
record Query(String file, String where, String expr) {
}
