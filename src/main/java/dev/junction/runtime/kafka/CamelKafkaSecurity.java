package dev.junction.runtime.kafka;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;

/**
 * The security settings Camel's Kafka component is configured with ({@code camel.component.kafka.*}), as Kafka client
 * properties, for Kafka clients Junction creates itself next to Camel's (the readiness check's admin client): a client
 * that connected without them would fail against a cluster that requires TLS or SASL while Camel's own work.
 * <p>
 * It maps the options the way camel-kafka's {@code KafkaConfiguration} (4.4 to 4.17) does for its producers and
 * consumers, and only the options that are configured: Camel's defaults for these options are Kafka's client defaults,
 * so leaving an option out gives the client what Camel's clients get. Not covered: an {@code sslContextParameters} bean (or global
 * SSL context parameters), which is an object in Camel's registry rather than configuration, and security options
 * set on individual endpoint URIs rather than on the component.
 */
public final class CamelKafkaSecurity {

    private static final String PREFIX = "camel.component.kafka.";

    private enum Applies {
        ALWAYS,
        WITH_SSL,
        WITH_SASL
    }

    private record Option(String camelName, String kafkaName, Applies applies, boolean secret) {
    }

    // camel-kafka's option names (camelCase, as in its documentation) and the Kafka client properties they become.
    private static final List<Option> OPTIONS = List.of(
            new Option("securityProtocol", "security.protocol", Applies.ALWAYS, false),
            new Option("sslKeyPassword", "ssl.key.password", Applies.WITH_SSL, true),
            new Option("sslKeystoreLocation", "ssl.keystore.location", Applies.WITH_SSL, false),
            new Option("sslKeystorePassword", "ssl.keystore.password", Applies.WITH_SSL, true),
            new Option("sslKeystoreType", "ssl.keystore.type", Applies.WITH_SSL, false),
            new Option("sslTruststoreLocation", "ssl.truststore.location", Applies.WITH_SSL, false),
            new Option("sslTruststorePassword", "ssl.truststore.password", Applies.WITH_SSL, true),
            new Option("sslTruststoreType", "ssl.truststore.type", Applies.WITH_SSL, false),
            new Option("sslEnabledProtocols", "ssl.enabled.protocols", Applies.WITH_SSL, false),
            new Option("sslProtocol", "ssl.protocol", Applies.WITH_SSL, false),
            new Option("sslProvider", "ssl.provider", Applies.WITH_SSL, false),
            new Option("sslCipherSuites", "ssl.cipher.suites", Applies.WITH_SSL, false),
            new Option("sslEndpointAlgorithm", "ssl.endpoint.identification.algorithm", Applies.WITH_SSL, false),
            new Option("sslKeymanagerAlgorithm", "ssl.keymanager.algorithm", Applies.WITH_SSL, false),
            new Option("sslTrustmanagerAlgorithm", "ssl.trustmanager.algorithm", Applies.WITH_SSL, false),
            new Option("saslMechanism", "sasl.mechanism", Applies.WITH_SASL, false),
            new Option("saslJaasConfig", "sasl.jaas.config", Applies.WITH_SASL, true),
            new Option("saslKerberosServiceName", "sasl.kerberos.service.name", Applies.WITH_SASL, false),
            new Option("kerberosInitCmd", "sasl.kerberos.kinit.cmd", Applies.WITH_SASL, false),
            new Option("kerberosBeforeReloginMinTime", "sasl.kerberos.min.time.before.relogin", Applies.WITH_SASL,
                    false),
            new Option("kerberosRenewJitter", "sasl.kerberos.ticket.renew.jitter", Applies.WITH_SASL, false),
            new Option("kerberosRenewWindowFactor", "sasl.kerberos.ticket.renew.window.factor", Applies.WITH_SASL,
                    false));
    // Left out on purpose: kerberosPrincipalToLocalRules (a broker setting that clients do not know, so an admin
    // client would only warn about it) and kerberosConfigLocation (Camel's consumers set it as the JVM-wide
    // java.security.krb5.conf system property, which reaches every Kafka client in the JVM anyway).

    // Kafka client properties Camel users also pass through additionalProperties, e.g. for OAUTHBEARER's
    // sasl.login.callback.handler.class, which has no Camel option of its own. Only these are taken from there: the
    // rest of additionalProperties is about producing and consuming, not about connecting.
    private static final List<String> ADDITIONAL_PREFIXES = List.of("security.protocol", "ssl.", "sasl.");
    private static final List<String> ADDITIONAL_MAPS = List.of(PREFIX + "additional-properties[",
            PREFIX + "additionalProperties[");
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)password|secret|jaas");
    // password="…" (or password=…) and the like inside a JAAS configuration, so that the credential alone is masked
    // too should a message quote only it.
    private static final Pattern JAAS_SECRET = Pattern
            .compile("(?i)\\b\\w*(?:password|secret|token)\\w*\\s*=\\s*(?:\"([^\"]*)\"|([^\\s;\"]+))");
    private static final String MASK = "xxxxxx";

    private final Map<String, String> clientProperties;
    private final List<String> secrets;

    private CamelKafkaSecurity(Map<String, String> clientProperties, List<String> secrets) {
        this.clientProperties = Map.copyOf(clientProperties);
        // Longest first, so that a JAAS configuration is masked whole before the password inside it.
        this.secrets = secrets.stream().filter(secret -> !secret.isEmpty()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public static CamelKafkaSecurity from(Config config) {
        Map<String, String> properties = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        String protocol = value(config, "securityProtocol").orElse("PLAINTEXT");
        // As camel-kafka does: the SSL options count only with an SSL protocol and the SASL ones only with a SASL
        // protocol, so a leftover truststore setting does not change what a PLAINTEXT client does.
        boolean ssl = protocol.equals("SSL") || protocol.equals("SASL_SSL");
        boolean sasl = protocol.equals("SASL_PLAINTEXT") || protocol.equals("SASL_SSL");
        for (Option option : OPTIONS) {
            if (option.applies() == Applies.WITH_SSL && !ssl || option.applies() == Applies.WITH_SASL && !sasl) {
                continue;
            }
            Optional<String> value = value(config, option.camelName());
            if (value.isEmpty()) {
                continue;
            }
            // camel-kafka (4.4 to 4.17) reads "none" and "false" as "no endpoint algorithm" but then sets nothing, so
            // its clients keep Kafka's default (https, host name verification on); the check must verify as they do.
            if (option.kafkaName().equals("ssl.endpoint.identification.algorithm")
                    && (value.get().equals("none") || value.get().equals("false"))) {
                continue;
            }
            properties.put(option.kafkaName(), value.get());
            if (option.secret()) {
                secrets.add(value.get());
            }
        }
        // Camel applies additionalProperties last, over its options.
        for (String name : config.getPropertyNames()) {
            Optional<String> key = ADDITIONAL_MAPS.stream().filter(map -> name.startsWith(map) && name.endsWith("]"))
                    .map(map -> name.substring(map.length(), name.length() - 1)).findFirst();
            if (key.isEmpty() || ADDITIONAL_PREFIXES.stream().noneMatch(key.get()::startsWith)) {
                continue;
            }
            Optional<String> value = config.getOptionalValue(name, String.class);
            if (value.isPresent()) {
                properties.put(key.get(), value.get());
                if (SECRET_KEY.matcher(key.get()).find()) {
                    secrets.add(value.get());
                }
            }
        }
        for (String secret : List.copyOf(secrets)) {
            Matcher inner = JAAS_SECRET.matcher(secret);
            while (inner.find()) {
                String credential = inner.group(1) != null ? inner.group(1) : inner.group(2);
                if (!credential.isEmpty()) {
                    secrets.add(credential);
                }
            }
        }
        return new CamelKafkaSecurity(properties, secrets);
    }

    /** The Kafka client properties to add to a client's own (bootstrap servers, timeouts) to connect as Camel does. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    /** The security protocol in effect, PLAINTEXT when none is configured (Kafka's default and Camel's). */
    public String protocol() {
        return clientProperties.getOrDefault("security.protocol", "PLAINTEXT");
    }

    /** The text with every configured secret (passwords, the JAAS configuration and the credentials in it) masked. */
    public String mask(String text) {
        String masked = text;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }

    // The kebab-case key Junction's configuration uses (which CAMEL_COMPONENT_KAFKA_* environment variables also
    // reach), then the camelCase one, which Camel's relaxed property binding accepts as well.
    private static Optional<String> value(Config config, String camelName) {
        return config.getOptionalValue(PREFIX + kebab(camelName), String.class)
                .or(() -> config.getOptionalValue(PREFIX + camelName, String.class));
    }

    private static String kebab(String camelName) {
        StringBuilder kebab = new StringBuilder(camelName.length() + 4);
        for (char c : camelName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                kebab.append('-').append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }
}
