package dev.junction.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

import io.restassured.http.ContentType;

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

    /** A standard-lane order with one line per SKU (quantity 1, unit price 10.00). */
    public static String withSkus(String orderId, String... skus) {
        String lines = Arrays.stream(skus)
                .map(sku -> "{\"sku\":\"%s\",\"quantity\":1,\"unitPrice\":10.00}".formatted(sku))
                .collect(Collectors.joining(","));
        return """
                {"orderId":"%s","customerId":"c-1","currency":"EUR",\
                "shipping":{"method":"standard","country":"DE"},"lines":[%s]}"""
                .formatted(orderId, lines);
    }

    /** Posts that many new standard orders to the intake (each must be accepted) and answers their ids. */
    public static List<String> postStandard(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = newId();
            Clients.intake().contentType(ContentType.JSON).body(order(id, "standard", "DE")).post("/api/v1/orders")
                    .then().statusCode(202);
            ids.add(id);
        }
        return ids;
    }

    public static String newSku() {
        return "SKU-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
