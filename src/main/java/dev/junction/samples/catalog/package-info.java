/**
 * Sample catalog import (routes/catalog-import.yaml): catalog CSV files streamed in validated batches, the
 * rejects written beside them.
 */
package dev.junction.samples.catalog;
