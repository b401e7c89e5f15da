/**
 * Sample inventory sync (routes/inventory-sync.yaml): changed stock rows turned into batches, and the
 * checkpoint that says how far the sync has delivered.
 */
package dev.junction.samples.sync;
