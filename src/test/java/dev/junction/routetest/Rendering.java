package dev.junction.routetest;

import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

/** How values appear in failure messages: short, on one line, strings quoted so types show. */
final class Rendering {

    static final int SHORT = 120;

    private Rendering() {
    }

    static String json(JsonNode node) {
        return abbreviate(node.toString());
    }

    /** A header or other plain value: strings quoted, numbers and booleans bare, null as "nothing". */
    static String value(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        }
        return "\"" + abbreviate(value.toString()) + "\"";
    }

    static String body(String body) {
        return body == null ? "(no body)" : abbreviate(body.strip());
    }

    static String abbreviate(String text) {
        String oneLine = text.replace("\r", "\\r").replace("\n", "\\n");
        return oneLine.length() <= SHORT ? oneLine : oneLine.substring(0, SHORT - 1) + "…";
    }

    /** One send, for lists of what was sent: destination, headers other than Camel's own, body. */
    static String sent(int number, SentMessage sent) {
        Map<String, Object> headers = sent.message().headers();
        String shown = headers.entrySet().stream()
                .filter(header -> !header.getKey().regionMatches(true, 0, "Camel", 0, 5))
                .map(header -> header.getKey() + "=" + header.getValue())
                .collect(Collectors.joining(", "));
        return "#" + number + " " + readable(sent.destination()) + (shown.isEmpty() ? "" : "  headers {" + shown + "}")
                + "  body " + body(sent.message().body());
    }

    /** A URI as it was written: percent-decoded. */
    static String readable(String uri) {
        try {
            return URLDecoder.decode(uri.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return uri;
        }
    }
}
