package dev.junction.samples.sync;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

/**
 * Where a sync job stands: the key ({@code updated_at}, {@code sku}) of the last row it delivered, in table
 * {@code sync_checkpoint}. It moves only after a batch was acknowledged, so a run that dies resumes with the first
 * batch not acknowledged. Also keeps the job's metrics: {@code junction_sync_rows_total},
 * {@code junction_sync_batches_total}, {@code junction_sync_last_success_timestamp_seconds} and
 * {@code junction_sync_checkpoint_timestamp_seconds} (lag behind the source: {@code time() - } that).
 */
@Singleton
@Named("syncCheckpoints")
@RegisterForReflection // routes call its methods by name
public class SyncCheckpoints {

    /** Keys of a checkpoint, as routes read them. */
    public static final String UPDATED_AT = "updatedAt";
    public static final String KEY = "sku";
    /** Columns of a source row. */
    static final String UPDATED_AT_COLUMN = "updated_at";
    static final String KEY_COLUMN = "sku";

    private final AgroalDataSource dataSource;
    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> checkpointTime = new ConcurrentHashMap<>();

    public SyncCheckpoints(AgroalDataSource dataSource, MeterRegistry registry) {
        this.dataSource = dataSource;
        this.registry = registry;
    }

    /** The job's checkpoint: {@value #UPDATED_AT} (OffsetDateTime) and {@value #KEY}. */
    public Map<String, Object> load(String job) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT last_updated_at, last_key FROM sync_checkpoint WHERE job = ?")) {
            select.setString(1, job);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("No checkpoint row for sync job " + job
                            + "; add one with a migration");
                }
                return Map.of(UPDATED_AT, row.getObject(1, OffsetDateTime.class), KEY, row.getString(2));
            }
        }
    }

    /** Moves the checkpoint past a batch the targets acknowledged (rows as the source query returned them). */
    public void advance(String job, List<Map<String, Object>> batch) throws SQLException {
        Map<String, Object> last = batch.get(batch.size() - 1);
        OffsetDateTime lastUpdatedAt = timestamp(column(last, UPDATED_AT_COLUMN));
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement("UPDATE sync_checkpoint SET"
                        + " last_updated_at = ?, last_key = ?, rows_delivered = rows_delivered + ?,"
                        + " batches_delivered = batches_delivered + 1, updated_at = ? WHERE job = ?")) {
            update.setObject(1, lastUpdatedAt);
            update.setString(2, (String) column(last, KEY_COLUMN));
            update.setLong(3, batch.size());
            update.setObject(4, OffsetDateTime.now());
            update.setString(5, job);
            update.executeUpdate();
        }
        Counter.builder("junction.sync.rows").description("Rows delivered and acknowledged").tag("job", job)
                .register(registry).increment(batch.size());
        Counter.builder("junction.sync.batches").description("Batches delivered and acknowledged").tag("job", job)
                .register(registry).increment();
        gauge(checkpointTime, "junction.sync.checkpoint_timestamp_seconds", job)
                .set(lastUpdatedAt.toEpochSecond());
    }

    /** Records a run that got to the end of the changes. */
    public void completed(String job) throws SQLException {
        OffsetDateTime now = OffsetDateTime.now();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE sync_checkpoint SET last_success_at = ? WHERE job = ?")) {
            update.setObject(1, now);
            update.setString(2, job);
            update.executeUpdate();
        }
        gauge(lastSuccess, "junction.sync.last_success_timestamp_seconds", job).set(now.toEpochSecond());
    }

    /** A column of a row camel-sql read: H2 names columns in upper case, PostgreSQL in lower case. */
    static Object column(Map<String, Object> row, String name) {
        Object value = row.get(name);
        return value != null || row.containsKey(name) ? value : row.get(name.toUpperCase(Locale.ROOT));
    }

    /** JDBC drivers differ: PostgreSQL answers TIMESTAMP WITH TIME ZONE as Timestamp, H2 as OffsetDateTime. */
    static OffsetDateTime timestamp(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time;
        }
        if (value instanceof Timestamp time) {
            return time.toInstant().atOffset(ZoneOffset.UTC);
        }
        throw new IllegalArgumentException("Not a timestamp: " + value);
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String name, String job) {
        return gauges.computeIfAbsent(job, j -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(name, value, AtomicLong::get).tag("job", j).register(registry);
            return value;
        });
    }
}
