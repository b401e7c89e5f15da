package dev.junction.testing;

import java.util.UUID;

/** Order payloads in the shape of the intake contract (config/schemas/order.schema.json). */
public final class Orders {

    private Orders() {
    }

    public static String newId() {
        return "o-" + UUID.randomUUID();
    }

    public static String order(String orderId, String method, String country) {
        return """
                {"orderId":"%s","customerId":"c-1","currency":"EUR",\
                "shipping":{"method":"%s","country":"%s"},\
                "lines":[{"sku":"SKU-1","quantity":2,"unitPrice":9.99},{"sku":"SKU-2","quantity":1,"unitPrice":120.10}]}"""
                .formatted(orderId, method, country);
    }
}
