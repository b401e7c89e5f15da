package dev.junction.routetest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** JSON compared as JSON, each difference named by its path. */
class JsonComparisonTest {

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private final JsonComparison json = new JsonComparison();

    @Test
    void fieldOrderAndNumberNotationDoNotMatter() throws JsonProcessingException {
        assertThat(json.differences(read("{\"a\": 4.5, \"b\": [1, 2]}"), read("{\"b\": [1.0, 2], \"a\": 4.50}")))
                .isEmpty();
    }

    @Test
    void namesEachDifferenceByItsPath() throws JsonProcessingException {
        assertThat(json.differences(
                read("{\"orderId\": \"o-1\", \"lines\": [{\"sku\": \"SKU-1\"}], \"gone\": true, \"odd key\": 1}"),
                read("{\"orderId\": \"o-2\", \"lines\": [{\"sku\": 1}], \"extra\": null, \"odd key\": 1}")))
                .containsExactly(
                        "$.orderId: expected \"o-1\" but was \"o-2\"",
                        "$.lines[0].sku: expected \"SKU-1\" but was 1",
                        "$.gone: expected true but it is missing",
                        "$.extra: not expected, but was null");
    }

    @Test
    void arraysOfDifferentLengthSaySo() throws JsonProcessingException {
        assertThat(json.differences(read("[1, 2]"), read("[1, 2, 3]")))
                .containsExactly("$: expected 2 elements but was 3: [1,2,3]");
    }

    private JsonNode read(String text) throws JsonProcessingException {
        return mapper.readTree(text);
    }
}
