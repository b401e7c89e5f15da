package dev.junction.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.apache.camel.component.kafka.KafkaConfiguration;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

/**
 * Junction's own Kafka clients get the security settings Camel's get: the same camelCase options, bound by Camel
 * onto camel-kafka's KafkaConfiguration, give camel-kafka's consumer and producer properties, and those must be the
 * properties Junction derives from the kebab-case configuration keys.
 */
class CamelKafkaSecurityTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"svc\" password=\"jaas-pw-1\";";

    @Test
    void everySecurityOptionBecomesTheClientPropertyCamelKafkaSetsForIt() throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("securityProtocol", "SASL_SSL");
        options.put("saslMechanism", "PLAIN");
        options.put("saslJaasConfig", JAAS);
        options.put("saslKerberosServiceName", "kafka");
        options.put("kerberosInitCmd", "/opt/kinit");
        options.put("kerberosBeforeReloginMinTime", "61000");
        options.put("kerberosRenewJitter", "0.07");
        options.put("kerberosRenewWindowFactor", "0.75");
        options.put("sslKeyPassword", "key-pw");
        options.put("sslKeystoreLocation", "/tls/client.p12");
        options.put("sslKeystorePassword", "ks-pw");
        options.put("sslKeystoreType", "PKCS12");
        options.put("sslTruststoreLocation", "/tls/ca.p12");
        options.put("sslTruststorePassword", "ts-pw");
        options.put("sslTruststoreType", "PKCS12");
        options.put("sslEnabledProtocols", "TLSv1.3");
        options.put("sslProtocol", "TLSv1.3");
        options.put("sslProvider", "SunJSSE");
        options.put("sslCipherSuites", "TLS_AES_256_GCM_SHA384");
        options.put("sslEndpointAlgorithm", "HTTPS");
        options.put("sslKeymanagerAlgorithm", "PKIX");
        options.put("sslTrustmanagerAlgorithm", "SunX509");

        Map<String, String> junction = CamelKafkaSecurity.from(config(kebabCase(options))).clientProperties();

        KafkaConfiguration camel = camelConfiguration(options);
        // Left out by Junction, see CamelKafkaSecurity: a broker setting Kafka's clients do not know.
        Map<String, String> camelConsumer = security(camel.createConsumerProperties());
        camelConsumer.remove("sasl.kerberos.principal.to.local.rules");
        Map<String, String> camelProducer = security(camel.createProducerProperties());
        camelProducer.remove("sasl.kerberos.principal.to.local.rules");
        assertThat(new TreeMap<>(junction)).hasSize(options.size()).isEqualTo(camelConsumer).isEqualTo(camelProducer);
    }

    @Test
    void whatIsNotConfiguredIsLeftToKafkaWhoseDefaultsAreCamelKafkasDefaults() throws Exception {
        Map<String, String> options = Map.of("securityProtocol", "SASL_SSL");

        assertThat(CamelKafkaSecurity.from(config(kebabCase(options))).clientProperties())
                .isEqualTo(Map.of("security.protocol", "SASL_SSL"));

        Map<String, String> camelDefaults = security(camelConfiguration(options).createConsumerProperties());
        camelDefaults.remove("security.protocol");
        camelDefaults.remove("sasl.kerberos.principal.to.local.rules");
        Map<String, Object> kafkaDefaults = AdminClientConfig.configDef().defaultValues();
        assertThat(camelDefaults).isNotEmpty();
        camelDefaults.forEach((property, camelDefault) -> assertThat(kafkaDefault(kafkaDefaults.get(property)))
                .as(property).isEqualTo(camelDefault));
    }

    @Test
    void sslOptionsCountOnlyWithAnSslProtocolAndSaslOptionsOnlyWithASaslOne() {
        Map<String, String> properties = CamelKafkaSecurity.from(config(Map.of(
                "camel.component.kafka.security-protocol", "SSL",
                "camel.component.kafka.ssl-truststore-location", "/tls/ca.p12",
                "camel.component.kafka.sasl-jaas-config", JAAS))).clientProperties();
        assertThat(properties).isEqualTo(Map.of("security.protocol", "SSL", "ssl.truststore.location", "/tls/ca.p12"));

        properties = CamelKafkaSecurity.from(config(Map.of(
                "camel.component.kafka.ssl-truststore-location", "/tls/ca.p12",
                "camel.component.kafka.sasl-jaas-config", JAAS))).clientProperties();
        assertThat(properties).isEmpty();
    }

    @Test
    void readsCamelCaseKeysAndTheSecuritySettingsAmongAdditionalProperties() {
        CamelKafkaSecurity security = CamelKafkaSecurity.from(config(Map.of(
                "camel.component.kafka.securityProtocol", "SASL_SSL",
                "camel.component.kafka.saslMechanism", "OAUTHBEARER",
                "camel.component.kafka.additional-properties[sasl.login.callback.handler.class]", "com.example.Login",
                "camel.component.kafka.additionalProperties[sasl.oauthbearer.token.endpoint.url]", "https://idp/token",
                // Not about connecting: not for the admin client.
                "camel.component.kafka.additional-properties[max.poll.records]", "5")));

        assertThat(security.clientProperties()).isEqualTo(Map.of("security.protocol", "SASL_SSL",
                "sasl.mechanism", "OAUTHBEARER", "sasl.login.callback.handler.class", "com.example.Login",
                "sasl.oauthbearer.token.endpoint.url", "https://idp/token"));
        assertThat(security.protocol()).isEqualTo("SASL_SSL");
    }

    @Test
    void anEndpointAlgorithmOfNoneLeavesHostNameVerificationOnAsInCamelKafka44() throws Exception {
        Map<String, String> options = Map.of("securityProtocol", "SSL", "sslEndpointAlgorithm", "none");

        assertThat(CamelKafkaSecurity.from(config(kebabCase(options))).clientProperties())
                .doesNotContainKey("ssl.endpoint.identification.algorithm");
        assertThat(security(camelConfiguration(options).createConsumerProperties()))
                .doesNotContainKey("ssl.endpoint.identification.algorithm");
    }

    @Test
    void masksThePasswordsTheJaasConfigurationAndTheCredentialsInIt() {
        CamelKafkaSecurity security = CamelKafkaSecurity.from(config(Map.of(
                "camel.component.kafka.security-protocol", "SASL_SSL",
                "camel.component.kafka.sasl-jaas-config", JAAS,
                "camel.component.kafka.ssl-truststore-password", "ts-pw-2",
                "camel.component.kafka.additional-properties[sasl.oauthbearer.client.secret]", "client-secret-3")));

        String masked = security.mask("config " + JAAS + " / quoted jaas-pw-1 / store ts-pw-2 / client-secret-3");

        assertThat(masked).doesNotContain("jaas-pw-1", "ts-pw-2", "client-secret-3", "PlainLoginModule")
                .isEqualTo("config xxxxxx / quoted xxxxxx / store xxxxxx / xxxxxx");
        assertThat(CamelKafkaSecurity.from(config(Map.of())).mask("nothing to hide")).isEqualTo("nothing to hide");
    }

    private static KafkaConfiguration camelConfiguration(Map<String, String> options) throws Exception {
        KafkaConfiguration configuration = new KafkaConfiguration();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            // How Camel binds camel.component.kafka.* options onto the component's configuration.
            PropertyBindingSupport.build().withCamelContext(context).withTarget(configuration)
                    .withProperties(new HashMap<>(options)).withRemoveParameters(false).bind();
        }
        return configuration;
    }

    private static Map<String, String> security(Properties properties) {
        Map<String, String> security = new TreeMap<>();
        properties.forEach((key, value) -> {
            String name = key.toString();
            if (name.equals("security.protocol") || name.startsWith("ssl.") || name.startsWith("sasl.")) {
                security.put(name, value.toString());
            }
        });
        return security;
    }

    private static String kafkaDefault(Object value) {
        return value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : String.valueOf(value);
    }

    private static Map<String, String> kebabCase(Map<String, String> options) {
        Map<String, String> keys = new HashMap<>();
        options.forEach((option, value) -> keys.put(
                "camel.component.kafka." + option.replaceAll("([A-Z])", "-$1").toLowerCase(), value));
        return keys;
    }

    private static Config config(Map<String, String> properties) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(properties, "test", 100)).build();
    }
}
