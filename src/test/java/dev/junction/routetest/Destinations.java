package dev.junction.routetest;

import jakarta.inject.Singleton;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.http.common.HttpCommonEndpoint;

/**
 * Where a send really goes, which the endpoint URI does not always say: a {@code toD} to Kafka is served by one
 * endpoint for all topics (the topic travels in {@code kafka.OVERRIDE_TOPIC}); camel-http takes the URL from the
 * {@code CamelHttpUri} and {@code CamelHttpPath} headers when they are set; a file producer names its file from a
 * header or its {@code fileName} expression. Each is worked out here as the component itself does it, without
 * changing the exchange. Stubs and expectations match the destination or the endpoint URI.
 */
@Singleton
public class Destinations {

    String of(Exchange exchange, Endpoint endpoint) {
        if (endpoint instanceof KafkaEndpoint kafka) {
            String topic = exchange.getMessage().getHeader(KafkaConstants.OVERRIDE_TOPIC, String.class);
            return "kafka://" + (topic != null ? topic : kafka.getConfiguration().getTopic());
        }
        if (endpoint instanceof HttpCommonEndpoint http) {
            return httpUrl(exchange, http);
        }
        if (endpoint instanceof GenericFileEndpoint<?> file) {
            return filePath(exchange, file);
        }
        return endpoint.getEndpointUri();
    }

    /** As camel-http's HttpHelper.createURL, which also removes a header on the way. */
    private static String httpUrl(Exchange exchange, HttpCommonEndpoint endpoint) {
        String url = endpoint.isBridgeEndpoint() ? null
                : exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (url == null) {
            url = endpoint.getHttpUri().toASCIIString();
        }
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        if (path == null || path.isEmpty() || path.equals("/")) {
            return url;
        }
        String relative = path.startsWith("/") ? path.substring(1) : path;
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        return (base.endsWith("/") ? base : base + "/") + relative + (query < 0 ? "" : url.substring(query));
    }

    /** As the file producer names its file: the overruling header, the fileName option, the CamelFileName header. */
    private static String filePath(Exchange exchange, GenericFileEndpoint<?> endpoint) {
        String name = exchange.getMessage().getHeader(Exchange.OVERRULE_FILE_NAME, String.class);
        if (name == null && endpoint.getFileName() != null) {
            name = endpoint.getFileName().evaluate(exchange, String.class);
        }
        if (name == null) {
            name = exchange.getMessage().getHeader(Exchange.FILE_NAME, String.class);
        }
        if (name == null) {
            return endpoint.getEndpointUri();
        }
        String directory = endpoint.getConfiguration().getDirectory();
        return endpoint.getScheme() + "://" + (directory.isEmpty() ? "" : directory + "/") + name;
    }
}
