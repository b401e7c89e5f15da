package dev.junction.runtime.correlation;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.Exchange;
import org.apache.camel.telemetry.SpanContextPropagationExtractor;
import org.apache.camel.telemetry.decorators.KafkaSpanDecorator;
import org.apache.camel.telemetry.propagation.CamelHeadersSpanContextPropagationExtractor;

/**
 * Camel's Kafka span decorator, reading the trace context of a consumed record: Kafka delivers header values as bytes,
 * and camel-telemetry 4.17 reads only text headers, so without this every consumed record started a new trace instead
 * of continuing the one its producer sent (fixed upstream in Camel 4.18.x and 4.19, apache/camel#22544; drop this
 * class once Junction runs on such a Camel). Found through
 * {@code META-INF/services/org.apache.camel.telemetry.SpanDecorator}, where a subclass of a built-in decorator takes
 * its place. Used only while tracing is on.
 */
@RegisterForReflection
public class KafkaTraceContext extends KafkaSpanDecorator {

    @Override
    public SpanContextPropagationExtractor getExtractor(Exchange exchange) {
        Map<String, Object> headers = new HashMap<>();
        exchange.getIn().getHeaders().forEach((name, value) -> headers.put(name,
                value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value));
        return new CamelHeadersSpanContextPropagationExtractor(headers);
    }
}
