package dev.junction.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Orders that really fail in fulfilment and end as dead letters: the inventory answers 503 for their SKU, fulfilment
 * retries, then its dead-letter channel records them. A test fixes the cause by having the inventory answer again.
 */
public record FailingOrders(KafkaTopics topics, Inventory inventory, DeadLetters deadLetters) {

    /** An order whose only line the inventory keeps answering 503: waits for its dead letter, answers its id. */
    public String deadLetter(String orderId, String sku) {
        return deadLetter(orderId, sku, Orders.withSkus(orderId, sku));
    }

    /** The same, for an order written by the test, whose lines all have this SKU. */
    public String deadLetter(String orderId, String sku, String order) {
        inventory.answer(sku, aResponse().withStatus(503));
        topics.send(KafkaTopics.STANDARD, null, orderId, order);
        return deadLetters.awaitForKey(orderId);
    }

    /** The fix: from now on the inventory reserves this SKU. */
    public void fix(String sku, String reservationId) {
        inventory.answer(sku, Inventory.reserved(reservationId));
    }
}
