package dev.junction.routetest;

import java.lang.reflect.Constructor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.KafkaEndpoint;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.http.common.HttpCommonEndpoint;
import org.apache.camel.http.common.HttpHelper;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

import dev.junction.routetest.Stub.Answer;
import dev.junction.routetest.Stub.Failure;
import dev.junction.routetest.Stub.Reply;

/**
 * Answers a send the way the stubbed endpoint's own component would have. A reply to a Kafka send carries the
 * record's metadata (partition 0, offsets counting up per topic), as a broker's acknowledgement does. A reply to a
 * camel-http send is an HTTP response: status 200 unless given, the reply body (or none) as the body, and an error
 * status fails the send with HttpOperationFailedException unless the endpoint says throwExceptionOnFailure=false.
 * Anything else keeps the message, with the reply's headers and body (when given) set on it.
 */
@Singleton
public class StubAnswers {

    private final CamelContext camel;

    public StubAnswers(CamelContext camel) {
        this.camel = camel;
    }

    /** Fails before the case runs, rather than in the middle of it, when a stub names a class that is not there. */
    void validate(List<Stub> stubs) {
        for (Stub stub : stubs) {
            for (Answer answer : stub.answers()) {
                if (answer instanceof Failure failure && failure.exception() != null) {
                    exceptionClass(stub.uri(), failure.exception());
                }
            }
        }
    }

    void apply(Answer answer, Exchange exchange, Endpoint endpoint, String destination, ActiveCase active)
            throws Throwable {
        if (answer instanceof Failure failure) {
            if (failure.status() == null) {
                throw exception(destination, failure.exception(), failure.message());
            }
            if (!(endpoint instanceof HttpCommonEndpoint http)) {
                throw new StubMisuse("is not an HTTP endpoint: fail with an exception there, not a status");
            }
            if (!http.isThrowExceptionOnFailure()) {
                throw new StubMisuse("answers HTTP errors rather than failing on them"
                        + " (throwExceptionOnFailure=false): stub the answer instead, reply: { status: "
                        + failure.status() + " }");
            }
            throw httpFailure(destination, failure.status(), failure.headers(), failure.body());
        }
        Reply reply = (Reply) answer;
        Message message = exchange.getMessage();
        if (endpoint instanceof KafkaEndpoint) {
            String topic = destination.substring("kafka://".length());
            message.setHeader(KafkaConstants.KAFKA_RECORD_META, List.of(new RecordMetadata(
                    new TopicPartition(topic, 0), active.nextOffset(topic), 0, System.currentTimeMillis(), -1, -1)));
            // What camel-kafka does once the record is sent: the override is for one send only.
            message.removeHeader(KafkaConstants.OVERRIDE_TOPIC);
        }
        HttpCommonEndpoint http = endpoint instanceof HttpCommonEndpoint h ? h : null;
        Integer status = reply.status() != null ? reply.status() : http != null ? Integer.valueOf(200) : null;
        if (status != null) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
            message.setHeader(Exchange.HTTP_RESPONSE_TEXT, reason(status));
        }
        reply.headers().forEach(message::setHeader);
        if (reply.body() != null || http != null) {
            message.setBody(reply.body());
        }
        if (http != null && http.isThrowExceptionOnFailure()
                && !HttpHelper.isStatusCodeOk(status, http.getOkStatusCodeRange())) {
            throw httpFailure(destination, status, reply.headers(),
                    reply.body() == null ? null : String.valueOf(reply.body()));
        }
    }

    private static HttpOperationFailedException httpFailure(String url, int status, Map<String, Object> headers,
            String body) {
        Map<String, String> responseHeaders = new LinkedHashMap<>();
        headers.forEach((name, value) -> responseHeaders.put(name, String.valueOf(value)));
        return new HttpOperationFailedException(url, status, reason(status), responseHeaders.get("Location"),
                responseHeaders, body);
    }

    private Throwable exception(String destination, String className, String message) throws Exception {
        Class<? extends Throwable> type = exceptionClass(destination, className);
        try {
            Constructor<? extends Throwable> withMessage = type.getConstructor(String.class);
            return withMessage.newInstance(message);
        } catch (NoSuchMethodException e) {
            return type.getConstructor().newInstance();
        }
    }

    private Class<? extends Throwable> exceptionClass(String stub, String className) {
        Class<?> type = camel.getClassResolver().resolveClass(className);
        if (type == null || !Throwable.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("stub " + stub + ": " + className
                    + (type == null ? " is not a class on the classpath" : " is not an exception class")
                    + "; name it fully qualified, e.g. org.apache.kafka.common.errors.TimeoutException");
        }
        return type.asSubclass(Throwable.class);
    }

    /** A stub that cannot do what it says for the endpoint it matched: a mistake in the test, not in the route. */
    static final class StubMisuse extends IllegalArgumentException {

        StubMisuse(String message) {
            super(message);
        }
    }

    private static String reason(int status) {
        String reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH);
        return reason != null ? reason : "";
    }
}
