package dev.junction.runtime.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import org.apache.camel.Exchange;
import org.apache.kafka.common.utils.AppInfoParser;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.junction.runtime.problem.ProblemResponses;

/**
 * {@value #PATH}: what runs (Junction, Quarkus, Camel, Kafka client and Java versions, the profile) and who is
 * asking (name and roles), so the console can say which actions the caller may take.
 */
@Singleton
public class AboutApiRoutes extends OpsApiRoutes {

    static final String PATH = "/api/ops/about";
    private static final String BUILD_INFO = "junction-build.properties";

    private final String profile;
    private final Properties build;

    public AboutApiRoutes(ProblemResponses problems,
            @ConfigProperty(name = "quarkus.profile") String profile) {
        super(problems);
        this.profile = profile;
        this.build = buildInfo();
    }

    @Override
    public void configure() {
        get(opsRest(PATH, "About: versions of what runs, and who is asking"), null, "get-about",
                "Junction, Quarkus, Camel, Kafka client and Java versions, the configuration profile, and the caller's"
                        + " name and roles");

        operation("ops-get-about", "Answers versions and the caller", this::about);
    }

    private Object about(Exchange exchange) {
        ObjectNode answer = jsonObject();
        answer.putObject("versions")
                .put("junction", build.getProperty("junction.version", "unknown"))
                .put("quarkus", build.getProperty("quarkus.version", "unknown"))
                .put("camelQuarkus", build.getProperty("camel-quarkus.version", "unknown"))
                .put("camel", exchange.getContext().getVersion())
                .put("kafkaClient", AppInfoParser.getVersion())
                .put("java", Runtime.version().toString());
        answer.put("profile", profile);
        ObjectNode you = answer.putObject("you");
        OpsCaller.of(exchange).ifPresent(identity -> {
            you.put("name", identity.getPrincipal().getName());
            ArrayNode roles = you.putArray("roles");
            identity.getRoles().stream().sorted().forEach(roles::add);
        });
        return answer.toString();
    }

    private static Properties buildInfo() {
        Properties properties = new Properties();
        try (InputStream in = AboutApiRoutes.class.getClassLoader().getResourceAsStream(BUILD_INFO)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + BUILD_INFO, e);
        }
        return properties;
    }
}
