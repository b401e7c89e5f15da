package dev.junction.samples.catalog;

import java.io.Closeable;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads a catalog CSV file ({@code sku,name,price,currency}, header first) as a stream of {@link CatalogBatch}es:
 * never more than one batch of records in memory, whatever the file's size. Each record is validated; those that
 * fail become reject lines naming their line number and why.
 */
@Singleton
@Named("catalogCsv")
@RegisterForReflection // routes call batches() by name
public class CatalogCsv {

    static final List<String> HEADER = List.of("sku", "name", "price", "currency");
    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true).build();

    /** The file's records in batches of {@code size}; a header other than sku,name,price,currency fails the file. */
    public Iterator<CatalogBatch> batches(File file, int size) throws IOException {
        Reader reader = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8);
        try {
            CSVParser parser = FORMAT.parse(reader);
            if (!parser.getHeaderNames().equals(HEADER)) {
                throw new IllegalArgumentException("The header of " + file.getName() + " must be "
                        + String.join(",", HEADER) + ", not " + String.join(",", parser.getHeaderNames()));
            }
            return new Batches(parser, size);
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /** Closeable, so the splitter closes the file when it stops early too. */
    private static final class Batches implements Iterator<CatalogBatch>, Closeable {

        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final int size;

        Batches(CSVParser parser, int size) {
            this.parser = parser;
            this.records = parser.iterator();
            this.size = size;
        }

        @Override
        public boolean hasNext() {
            boolean more = records.hasNext();
            if (!more) {
                close();
            }
            return more;
        }

        @Override
        public CatalogBatch next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            List<Map<String, Object>> rows = new ArrayList<>(size);
            StringWriter rejects = new StringWriter();
            int rejectCount = 0;
            try (CSVPrinter printer = new CSVPrinter(rejects, CSVFormat.RFC4180)) {
                while (rows.size() + rejectCount < size && records.hasNext()) {
                    CSVRecord record = records.next();
                    // The header is line 1, so record n is line n + 1 (for records on one line each).
                    long line = record.getRecordNumber() + 1;
                    String problem = problem(record);
                    if (problem == null) {
                        rows.add(Map.of("sku", record.get(0), "name", record.get(1),
                                "price", new BigDecimal(record.get(2)), "currency", record.get(3)));
                    } else {
                        printer.printRecord(line, problem, String.join(",", record.toList()));
                        rejectCount++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new CatalogBatch(rows, rejects.toString(), rejectCount);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Why a record is rejected, or null when it is fine. */
    static String problem(CSVRecord record) {
        if (record.size() != HEADER.size()) {
            return "expected " + HEADER.size() + " fields, found " + record.size();
        }
        if (!SKU.matcher(record.get(0)).matches()) {
            return "sku must be 1 to 64 of A-Z a-z 0-9 . _ -";
        }
        if (record.get(1).isEmpty() || record.get(1).length() > 200) {
            return "name must be 1 to 200 characters";
        }
        try {
            BigDecimal price = new BigDecimal(record.get(2));
            if (price.signum() < 0 || price.scale() > 4 || price.precision() - price.scale() > 15) {
                return "price must be a non-negative amount with at most 4 decimals";
            }
        } catch (NumberFormatException e) {
            return "price is not a number: " + record.get(2);
        }
        if (!CURRENCY.matcher(record.get(3)).matches()) {
            return "currency must be an ISO 4217 code (3 capital letters)";
        }
        return null;
    }
}
