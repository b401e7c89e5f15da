import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The baseline bench/fulfilment-throughput.sh compares fulfilment's Kafka -> SQL path with: a plain consumer loop
 * that writes what fulfilment writes for an order whose every line is reserved (the order row, one row per line,
 * the idempotency key, the event kept in the outbox table, here the record itself), one JDBC batch per table and one
 * transaction per poll, then commits the poll's offsets (at least once). No inventory calls, no event publishing,
 * no schema validation: the floor of the database work alone.
 * java -cp 'target/quarkus-app/lib/main/*' bench/JdbcFulfilmentBaseline.java BOOTSTRAP TOPIC GROUP COUNT URL USER PASSWORD
 * Prints the orders written and the milliseconds from the first poll that returned records to the last commit.
 */
public class JdbcFulfilmentBaseline {

    public static void main(String[] args) throws Exception {
        long count = Long.parseLong(args[3]);
        ObjectMapper mapper = new ObjectMapper();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, args[2]);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "50"); // fulfilment.consumer.max-poll-records
        long written = 0;
        long first = 0;
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer());
                Connection db = DriverManager.getConnection(args[4], args[5], args[6]);
                PreparedStatement order = db.prepareStatement("INSERT INTO fulfilment_order (order_id, status, reason,"
                        + " customer_id, currency, shipping_method, shipping_country, recorded_at)"
                        + " VALUES (?, 'FULFILLED', NULL, ?, ?, ?, ?, CURRENT_TIMESTAMP)");
                PreparedStatement line = db.prepareStatement("INSERT INTO fulfilment_order_line (order_id, line_no,"
                        + " sku, quantity, unit_price, status, reservation_id, reason)"
                        + " VALUES (?, ?, ?, ?, ?, 'RESERVED', ?, NULL)");
                PreparedStatement key = db.prepareStatement("INSERT INTO CAMEL_MESSAGEPROCESSED (processorName,"
                        + " messageId, createdAt) VALUES ('baseline', ?, CURRENT_TIMESTAMP)");
                PreparedStatement event = db.prepareStatement("INSERT INTO fulfilment_event (order_id, topic,"
                        + " payload) VALUES (?, 'orders.fulfilled', ?)")) {
            db.setAutoCommit(false);
            consumer.subscribe(List.of(args[1]));
            while (written < count) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                if (first == 0) {
                    first = System.nanoTime();
                }
                for (ConsumerRecord<String, String> record : records) {
                    JsonNode o = mapper.readTree(record.value());
                    String id = o.get("orderId").asText();
                    order.setString(1, id);
                    order.setString(2, o.get("customerId").asText());
                    order.setString(3, o.get("currency").asText());
                    order.setString(4, o.at("/shipping/method").asText());
                    order.setString(5, o.at("/shipping/country").asText());
                    order.addBatch();
                    int lineNo = 0;
                    for (JsonNode l : o.get("lines")) {
                        lineNo++;
                        line.setString(1, id);
                        line.setInt(2, lineNo);
                        line.setString(3, l.get("sku").asText());
                        line.setInt(4, l.get("quantity").asInt());
                        line.setBigDecimal(5, new BigDecimal(l.get("unitPrice").asText()));
                        line.setString(6, "R-" + id + "/" + lineNo);
                        line.addBatch();
                    }
                    key.setString(1, id);
                    key.addBatch();
                    event.setString(1, id);
                    event.setString(2, record.value());
                    event.addBatch();
                }
                order.executeBatch();
                line.executeBatch();
                key.executeBatch();
                event.executeBatch();
                db.commit();
                consumer.commitSync();
                written += records.count();
            }
        }
        System.out.println(written + " " + (System.nanoTime() - first) / 1_000_000);
    }
}
