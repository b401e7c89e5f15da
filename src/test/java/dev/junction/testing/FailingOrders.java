package dev.junction.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Orders that really fail in fulfilment and end as dead letters: the inventory answers 503 for their SKU, fulfilment
 * retries, then its dead-letter channel records them. A test fixes the cause by having the inventory answer again.
 */
public final class FailingOrders {

    public static final String STANDARD = "orders.standard";

    private final KafkaTopics topics;
    private final Inventory inventory;
    private final DeadLetters deadLetters;

    public FailingOrders(KafkaTopics topics, Inventory inventory, DeadLetters deadLetters) {
        this.topics = topics;
        this.inventory = inventory;
        this.deadLetters = deadLetters;
    }

    /** An order whose only line the inventory keeps answering 503: waits for its dead letter, answers its id. */
    public String deadLetter(String orderId, String sku) {
        inventory.answer(sku, aResponse().withStatus(503));
        topics.send(STANDARD, null, orderId, Orders.withSkus(orderId, sku));
        return deadLetters.awaitForKey(orderId);
    }

    /** The fix: from now on the inventory reserves this SKU. */
    public void fix(String sku, String reservationId) {
        inventory.answer(sku, aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody("{\"reservationId\":\"" + reservationId + "\"}"));
    }
}
