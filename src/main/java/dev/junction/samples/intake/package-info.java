/**
 * Sample order intake (routes/order-intake.yaml): orders as XML, batches and their summary, the 202 receipt
 * and the problems it answers with.
 */
package dev.junction.samples.intake;
