package dev.junction.samples.sync;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Turns a page of changed inventory rows into the batch the targets receive:
 * {@code {"batchId", "items": [{"sku", "warehouse", "quantity", "updatedAt"}]}}.
 * <p>
 * The batch id is derived from the rows' keys, not drawn at random: a batch delivered again after a crash (same
 * checkpoint, same rows) carries the same id, so a target that remembers ids takes it once.
 */
@Singleton
@Named("inventoryBatches")
@RegisterForReflection // routes call its methods by name
public class InventoryBatches {

    public String batchId(String job, List<Map<String, Object>> rows) {
        Map<String, Object> first = rows.get(0);
        Map<String, Object> last = rows.get(rows.size() - 1);
        String range = key(first) + ".." + key(last) + "#" + rows.size();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(range.getBytes(StandardCharsets.UTF_8));
            return job + "-" + HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public String payload(String batchId, List<Map<String, Object>> rows) {
        ObjectNode batch = JsonNodeFactory.instance.objectNode().put("batchId", batchId);
        ArrayNode items = batch.putArray("items");
        for (Map<String, Object> row : rows) {
            items.addObject().put("sku", (String) SyncCheckpoints.column(row, SyncCheckpoints.KEY_COLUMN))
                    .put("warehouse", (String) SyncCheckpoints.column(row, "warehouse"))
                    .put("quantity", ((Number) SyncCheckpoints.column(row, "quantity")).intValue())
                    .put("updatedAt", updatedAt(row).toString());
        }
        return batch.toString();
    }

    private static String key(Map<String, Object> row) {
        return updatedAt(row).toInstant() + "/" + SyncCheckpoints.column(row, SyncCheckpoints.KEY_COLUMN);
    }

    private static OffsetDateTime updatedAt(Map<String, Object> row) {
        return SyncCheckpoints.timestamp(SyncCheckpoints.column(row, SyncCheckpoints.UPDATED_AT_COLUMN));
    }
}
