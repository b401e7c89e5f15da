import java.io.BufferedReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;

/**
 * The baseline bench/catalog-import.sh compares Junction's catalog import with: a plain JDBC loop that reads the CSV
 * line by line (no quoting, no validation) and upserts in statement batches with the same MERGE, committing each.
 * Run with the JDBC driver on the class path: java -cp 'lib/*' bench/JdbcCatalogBaseline.java FILE URL USER PASSWORD BATCH
 */
public class JdbcCatalogBaseline {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int batch = Integer.parseInt(args[4]);
        String merge = "MERGE INTO catalog_item t USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(200)),"
                + " CAST(? AS NUMERIC(19,4)), CAST(? AS CHAR(3)))) AS s (sku, name, price, currency) ON t.sku = s.sku"
                + " WHEN MATCHED THEN UPDATE SET name = s.name, price = s.price, currency = s.currency,"
                + " updated_at = CURRENT_TIMESTAMP WHEN NOT MATCHED THEN INSERT (sku, name, price, currency,"
                + " updated_at) VALUES (s.sku, s.name, s.price, s.currency, CURRENT_TIMESTAMP)";
        long rows = 0;
        try (Connection connection = DriverManager.getConnection(args[1], args[2], args[3]);
                BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                PreparedStatement upsert = connection.prepareStatement(merge)) {
            connection.setAutoCommit(false);
            reader.readLine(); // header
            int pending = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(",", -1);
                upsert.setString(1, fields[0]);
                upsert.setString(2, fields[1]);
                upsert.setBigDecimal(3, new BigDecimal(fields[2]));
                upsert.setString(4, fields[3]);
                upsert.addBatch();
                rows++;
                if (++pending == batch) {
                    upsert.executeBatch();
                    connection.commit();
                    pending = 0;
                }
            }
            upsert.executeBatch();
            connection.commit();
        }
        System.out.println(rows);
    }
}
