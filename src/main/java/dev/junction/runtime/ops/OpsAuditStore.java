package dev.junction.runtime.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;

/**
 * The ops_audit table (Flyway V8), plain JDBC. An entry is written in a transaction of its own: it stays recorded
 * whatever the caller's transaction does afterwards.
 */
@ApplicationScoped
public class OpsAuditStore {

    // The columns' widths (V8): longer text is cut rather than failing the insert.
    private static final int MAX_NAME = 255;
    private static final int MAX_DETAIL = 4000;

    private final AgroalDataSource dataSource;

    public OpsAuditStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Transactional(value = TxType.REQUIRES_NEW, rollbackOn = Exception.class)
    public void add(AuditEntry entry) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO ops_audit (id, at, actor,"
                        + " action, target, detail) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setObject(2, entry.at());
            insert.setString(3, cut(entry.actor(), MAX_NAME));
            insert.setString(4, cut(entry.action(), MAX_NAME));
            insert.setString(5, cut(entry.target(), MAX_NAME));
            insert.setString(6, cut(entry.detail(), MAX_DETAIL));
            insert.executeUpdate();
        }
    }

    public List<AuditEntry> recent(int limit) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT at, actor, action, target, detail"
                        + " FROM ops_audit ORDER BY at DESC, id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(rows.getObject(1, OffsetDateTime.class), rows.getString(2),
                            rows.getString(3), rows.getString(4), rows.getString(5)));
                }
            }
        }
        return entries;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
