package dev.junction.samples.catalog;

import java.util.List;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A slice of a catalog file: the rows that passed validation (named parameters of the upsert: sku, name, price,
 * currency) and the rejected records, already formatted as lines of the reject file.
 */
@RegisterForReflection // routes read it with Simple (${variable.batch.rows})
public final class CatalogBatch {

    private final List<Map<String, Object>> rows;
    private final String rejects;
    private final int rejectCount;

    CatalogBatch(List<Map<String, Object>> rows, String rejects, int rejectCount) {
        this.rows = List.copyOf(rows);
        this.rejects = rejects;
        this.rejectCount = rejectCount;
    }

    public List<Map<String, Object>> getRows() {
        return rows;
    }

    /** Reject-file lines ({@code line,reason,record}), or empty. */
    public String getRejects() {
        return rejects;
    }

    public int getRejectCount() {
        return rejectCount;
    }
}
