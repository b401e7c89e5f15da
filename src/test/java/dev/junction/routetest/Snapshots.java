package dev.junction.routetest;

import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.StreamCache;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.util.CaseInsensitiveMap;

/**
 * Takes {@link MessageSnapshot}s. Bodies become text: strings as they are, byte arrays as UTF-8, cached streams read
 * (and rewound, so the route can still read them), maps, lists and other objects as the JSON Jackson makes of them.
 * Files are named, not read; a stream that is not cached is left alone.
 */
@Singleton
public class Snapshots {

    private final ObjectMapper mapper;

    public Snapshots(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    MessageSnapshot of(Exchange exchange) {
        Message message = exchange.getMessage();
        Map<String, Object> headers = new CaseInsensitiveMap();
        message.getHeaders().forEach((name, value) -> headers.put(name, plain(value)));
        return new MessageSnapshot(text(exchange, message.getBody()), headers);
    }

    private String text(Exchange exchange, Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof CharSequence text) {
            return text.toString();
        }
        if (body instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (body instanceof StreamCache cached) {
            cached.reset();
            String text = exchange.getContext().getTypeConverter().convertTo(String.class, exchange, body);
            cached.reset();
            return text;
        }
        if (body instanceof GenericFile<?> file) {
            return "<file " + file.getAbsoluteFilePath() + ">";
        }
        if (body instanceof File || body instanceof Path) {
            return "<file " + body + ">";
        }
        if (body instanceof InputStream || body instanceof Reader) {
            return "<" + body.getClass().getName() + ", not read>";
        }
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            String text = exchange.getContext().getTypeConverter().tryConvertTo(String.class, exchange, body);
            return text != null ? text : String.valueOf(body);
        }
    }

    private static Object plain(Object value) {
        if (value == null || value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value instanceof CharSequence text ? text.toString() : value;
        }
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return String.valueOf(value);
    }
}
