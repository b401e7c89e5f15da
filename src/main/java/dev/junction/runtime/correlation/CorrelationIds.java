package dev.junction.runtime.correlation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;

/**
 * What a correlation id is and where an exchange keeps it. One id per exchange, in the exchange property
 * {@value #PROPERTY}: a property, not a header, because routes remove all headers at their edges (client headers
 * must not travel on) and the id has to outlive that. Routes send it on explicitly, as the {@value #HEADER} header,
 * on the HTTP calls and Kafka records they make.
 * <p>
 * An id offered from outside (an HTTP request header, a Kafka record header) is taken only when it is a short,
 * plain token: it ends up in log lines, SQL rows and other systems' headers, where anything else could forge log
 * entries or smuggle data. Otherwise the exchange gets a new UUID.
 */
public final class CorrelationIds {

    /** The HTTP and Kafka header that carries the id between systems. */
    public static final String HEADER = "X-Correlation-ID";
    /** The exchange property that holds an exchange's id; also the MDC key of its log lines. */
    public static final String PROPERTY = "correlationId";
    public static final String MDC_KEY = PROPERTY;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private CorrelationIds() {
    }

    public static boolean isAcceptable(String id) {
        return id != null && TOKEN.matcher(id).matches();
    }

    /** The offered id when it is acceptable, otherwise a new one. */
    public static String acceptOrGenerate(String offered) {
        return isAcceptable(offered) ? offered : UUID.randomUUID().toString();
    }

    /** The exchange's id; null before a route assigned one. */
    public static String of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, String.class);
    }

    /**
     * Gives the exchange its id unless it has one: the {@value #HEADER} header's when acceptable (Kafka record
     * headers arrive as UTF-8 bytes), otherwise a new one. An exchange keeps its id through every route it enters.
     */
    public static String assign(Exchange exchange) {
        String id = of(exchange);
        if (id == null) {
            id = acceptOrGenerate(offered(exchange.getMessage().getHeader(HEADER)));
            exchange.setProperty(PROPERTY, id);
        }
        return id;
    }

    private static String offered(Object header) {
        if (header instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return header == null ? null : header.toString();
    }
}
