package dev.junction.samples.intake;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import dev.junction.runtime.json.JsonValidationException;
import dev.junction.runtime.json.JsonValidationException.FieldError;
import dev.junction.runtime.xml.SafeXml;

/**
 * An order posted as XML ({@code <order><orderId>…</orderId>…<lines><line>…</line></lines></order>}) becomes the
 * same JSON an order posted as JSON is, so the same schema validation, routing and records apply. Elements become
 * fields; {@code lines} becomes an array of its {@code line} elements; {@code quantity} and {@code unitPrice} become
 * numbers when they are numbers (otherwise strings, for the schema to reject). Parsed by {@link SafeXml}.
 */
@Singleton
@Named("xmlOrders")
@RegisterForReflection // routes call toJson() by name
public class XmlOrders {

    private static final Set<String> ARRAYS = Set.of("lines");
    private static final Set<String> NUMBERS = Set.of("quantity", "unitPrice");

    private final SafeXml xml;
    private final ObjectMapper mapper;

    public XmlOrders(SafeXml xml, ObjectMapper mapper) {
        this.xml = xml;
        this.mapper = mapper;
    }

    /**
     * Whether the request's media type is XML ({@code application/xml}, {@code text/xml}, {@code application/*+xml}):
     * the type and subtype only, not a substring of the whole header ({@code application/json; foo=xml} is JSON).
     */
    public boolean isXml(@Header(Exchange.CONTENT_TYPE) String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.equals("application/xml") || mediaType.equals("text/xml")
                || (mediaType.startsWith("application/") && mediaType.endsWith("+xml"));
    }

    public String toJson(byte[] body) {
        Element root;
        try {
            root = xml.parse(body).getDocumentElement();
        } catch (SAXException | IOException e) {
            // The parser's own message is not passed on: it may quote the document.
            throw new JsonValidationException("The order is not acceptable XML", List.of(new FieldError("",
                    "is not well-formed XML, or declares a DOCTYPE (DTDs and entities are not accepted)")));
        }
        if (!"order".equals(root.getLocalName())) {
            throw new JsonValidationException("The order is not acceptable XML",
                    List.of(new FieldError("", "the root element must be <order>")));
        }
        return object(root).toString();
    }

    private ObjectNode object(Element element) {
        ObjectNode node = mapper.createObjectNode();
        for (Element child : children(element)) {
            node.set(child.getLocalName(), value(child));
        }
        return node;
    }

    private JsonNode value(Element element) {
        String name = element.getLocalName();
        if (ARRAYS.contains(name)) {
            ArrayNode array = mapper.createArrayNode();
            children(element).forEach(item -> array.add(object(item)));
            return array;
        }
        if (!children(element).isEmpty()) {
            return object(element);
        }
        String text = element.getTextContent().trim();
        if (NUMBERS.contains(name)) {
            // As JSON would have it: 2 is an integer, 9.99 a decimal.
            try {
                return mapper.getNodeFactory().numberNode(Long.parseLong(text));
            } catch (NumberFormatException notAnInteger) {
                try {
                    return mapper.getNodeFactory().numberNode(new BigDecimal(text));
                } catch (NumberFormatException notANumber) {
                    return mapper.getNodeFactory().textNode(text);
                }
            }
        }
        return mapper.getNodeFactory().textNode(text);
    }

    private static List<Element> children(Element element) {
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}
