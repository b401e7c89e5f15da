package dev.junction.samples.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.junction.testing.CapturedLogs;
import dev.junction.testing.Rows;

/**
 * routes/catalog-import.yaml with real files in its inbox and a real PostgreSQL: the right rows land, the bad records
 * are reported with their line numbers, and each file ends up in done/ or failed/.
 */
@QuarkusTest
class CatalogImportTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "catalog-import.dir")
    Path dir;

    @Test
    void validRecordsAreUpsertedInBatchesAndBadOnesReportedWithTheirLineNumbers() throws IOException {
        Rows rows = new Rows(dataSource);
        String p = "CAT-" + UUID.randomUUID().toString().substring(0, 8);
        String name = p + ".csv";
        drop(name, String.join("\n",
                "sku,name,price,currency",
                p + "-1,Espresso cup,4.50,EUR",
                p + "-2,\"Mug, large\",7.00,EUR",
                p + "-3,Teapot,abc,EUR",
                p + " 4,Saucer,2.00,EUR",
                p + "-5,Spoon,1.25,EURO",
                p + "-6,Tray,12.00",
                p + "-7,Kettle,39.90,USD",
                p + "-8,Filter,0.99,EUR",
                ""));

        awaitFileIn("done", name);
        assertThat(rows.query("SELECT sku, name, price, currency FROM catalog_item WHERE sku LIKE ? ORDER BY sku",
                p + "%")).containsExactly(
                        Map.of("sku", p + "-1", "name", "Espresso cup", "price", new BigDecimal("4.5000"),
                                "currency", "EUR"),
                        Map.of("sku", p + "-2", "name", "Mug, large", "price", new BigDecimal("7.0000"),
                                "currency", "EUR"),
                        Map.of("sku", p + "-7", "name", "Kettle", "price", new BigDecimal("39.9000"),
                                "currency", "USD"),
                        Map.of("sku", p + "-8", "name", "Filter", "price", new BigDecimal("0.9900"),
                                "currency", "EUR"));
        assertThat(Files.readAllLines(dir.resolve("rejects").resolve(name + ".rejects.csv"))).containsExactly(
                "4,price is not a number: abc,\"" + p + "-3,Teapot,abc,EUR\"",
                "5,sku must be 1 to 64 of A-Z a-z 0-9 . _ -,\"" + p + " 4,Saucer,2.00,EUR\"",
                "6,currency must be an ISO 4217 code (3 capital letters),\"" + p + "-5,Spoon,1.25,EURO\"",
                "7,\"expected 4 fields, found 3\",\"" + p + "-6,Tray,12.00\"");

        // The next delivery changes a price: the row is updated, not duplicated.
        String update = p + "-update.csv";
        drop(update, "sku,name,price,currency\n" + p + "-1,Espresso cup,4.95,EUR\n");
        awaitFileIn("done", update);
        assertThat(rows.query("SELECT price FROM catalog_item WHERE sku = ?", p + "-1"))
                .containsExactly(Map.of("price", new BigDecimal("4.9500")));
        assertThat(Files.exists(dir.resolve("rejects").resolve(update + ".rejects.csv"))).isFalse();
    }

    @Test
    void aFileWithTheWrongHeaderGoesToFailedUntouched() throws IOException {
        Rows rows = new Rows(dataSource);
        String p = "CAT-" + UUID.randomUUID().toString().substring(0, 8);
        String name = p + ".csv";
        drop(name, "id,title,amount\n" + p + "-1,Cup,1.00\n");

        awaitFileIn("failed", name);
        assertThat(rows.count("SELECT COUNT(*) FROM catalog_item WHERE sku LIKE ?", p + "%")).isZero();
    }

    @Test
    void eachFileIsImportedUnderACorrelationIdOfItsOwn() throws IOException {
        String first = "CAT-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        String second = "CAT-" + UUID.randomUUID().toString().substring(0, 8) + ".csv";
        try (CapturedLogs logs = CapturedLogs.start()) {
            drop(first, "sku,name,price,currency\nCORR-1,Cup,1.00,EUR\n");
            drop(second, "sku,name,price,currency\nCORR-2,Mug,2.00,EUR\n");
            awaitFileIn("done", first);
            awaitFileIn("done", second);

            String firstId = importedUnder(logs, first);
            String secondId = importedUnder(logs, second);
            assertThat(firstId).isNotBlank().isNotEqualTo(secondId);
            assertThat(secondId).isNotBlank();
        }
    }

    /** The correlation id the file's "imported" log line was written under. */
    private static String importedUnder(CapturedLogs logs, String name) {
        return logs.mentioning("Catalog file " + name + " imported").stream().map(line -> line.mdc("correlationId"))
                .findFirst().orElseThrow(() -> new AssertionError("No import logged for " + name));
    }

    /** Written next to the inbox, then moved in: the way a file should arrive. */
    private void drop(String name, String content) throws IOException {
        Files.createDirectories(dir.resolve("inbox"));
        Path staged = Files.writeString(dir.resolve(name + ".part"), content);
        Files.move(staged, dir.resolve("inbox").resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private void awaitFileIn(String folder, String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> files(dir.resolve(folder)).stream()
                .anyMatch(f -> f.getFileName().toString().endsWith(name)));
    }

    private static List<Path> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
