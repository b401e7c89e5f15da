package dev.junction.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.junction.runtime.validation.ConfigFileProperties;

/**
 * The deployment in kubernetes/, as a cluster would get it: each overlay rendered by Kustomize, every document parsed
 * strictly into the Kubernetes API model, then checked against the application itself. The probes are requested from
 * the running Junction of this test (so a probe path that does not exist, or the SLO group as readiness, fails), the
 * routes ConfigMap against routes/, the mount paths against the configuration the prod profile sees.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesManifestsTest {

    private static final Path KUBERNETES = Path.of("kubernetes");
    private static final Path ROUTES = Path.of("routes");
    private static final Path CONFIG = Path.of("config/application.properties");
    private static final String SLO_GROUP = "/q/health/group/slo";

    private final Map<String, Manifests> rendered = new LinkedHashMap<>();

    @BeforeAll
    void render() {
        for (String overlay : List.of("dev", "prod")) {
            rendered.put(overlay, Manifests.parse(Kustomize.render(KUBERNETES.resolve("overlays").resolve(overlay))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void probesAreTheHealthEndpointsJunctionServesOnItsHttpPort(String overlay) throws IOException {
        Container junction = container(overlay);
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startup", junction.getStartupProbe());
        probes.put("readiness", junction.getReadinessProbe());
        probes.put("liveness", junction.getLivenessProbe());
        int httpPort = configuredHttpPort(junction);
        probes.forEach((kind, probe) -> {
            assertThat(probe).as(overlay + ": " + kind + " probe").isNotNull();
            HTTPGetAction get = probe.getHttpGet();
            assertThat(get).as(overlay + ": " + kind + " probe is an HTTP GET").isNotNull();
            assertThat(containerPort(junction, get.getPort())).as(overlay + ": " + kind + " probe port")
                    .isEqualTo(httpPort);
            assertThat(get.getScheme() == null ? "HTTP" : get.getScheme()).as(overlay + ": " + kind + " probe scheme")
                    .isEqualTo(servesHttps(junction) ? "HTTPS" : "HTTP");
            assertThat(get.getPath()).as(overlay + ": " + kind + " probe path").isNotEqualTo(SLO_GROUP);
            // The running application answers it, and is UP
            given().when().get(get.getPath()).then().statusCode(200).body("status", equalTo("UP"));
        });
        // Readiness is the check that includes the Kafka cluster; liveness must not (a broker outage would restart
        // every pod)
        List<String> readinessChecks = given().get(probes.get("readiness").getHttpGet().getPath()).then().extract()
                .jsonPath().getList("checks.name", String.class);
        assertThat(readinessChecks).as(overlay + ": readiness checks").contains("kafka-brokers");
        List<String> livenessChecks = given().get(probes.get("liveness").getHttpGet().getPath()).then().extract()
                .jsonPath().getList("checks.name", String.class);
        assertThat(livenessChecks).as(overlay + ": liveness checks").doesNotContain("kafka-brokers");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void theServiceAndTheScrapeReachTheHttpPort(String overlay) throws IOException {
        Manifests manifests = rendered.get(overlay);
        Container junction = container(overlay);
        Service service = manifests.one(Service.class);
        assertThat(service.getSpec().getSelector()).as(overlay + ": Service selector")
                .isEqualTo(deployment(overlay).getSpec().getSelector().getMatchLabels());
        String portName = servesHttps(junction) ? "https" : "http";
        ServicePort http = service.getSpec().getPorts().stream().filter(port -> portName.equals(port.getName()))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": the Service has no port named "
                        + portName));
        assertThat(containerPort(junction, http.getTargetPort())).as(overlay + ": Service targetPort")
                .isEqualTo(configuredHttpPort(junction));
        for (ServiceMonitor monitor : manifests.all(ServiceMonitor.class)) {
            assertThat(monitor.getSpec().getSelector().getMatchLabels()).as("ServiceMonitor selector")
                    .isEqualTo(service.getMetadata().getLabels());
            monitor.getSpec().getEndpoints().forEach(endpoint -> {
                assertThat(endpoint.getPort()).as("ServiceMonitor endpoint port").isEqualTo(http.getName());
                assertThat(endpoint.getScheme() == null ? "http" : endpoint.getScheme())
                        .as("ServiceMonitor endpoint scheme").isEqualTo(portName);
                given().accept("text/plain").get(endpoint.getPath()).then().statusCode(200);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void everyRouteFileIsInTheRoutesConfigMapMountedWhereJunctionLoadsRoutesWithReloadOn(String overlay)
            throws IOException {
        Container junction = container(overlay);
        Properties config = prodConfig(junction);
        ConfigMap routes = mountedConfigMap(overlay, "junction-routes");
        assertThat(new TreeMap<>(routes.getData())).as(overlay + ": the routes ConfigMap is routes/*.yaml (never"
                + " routes/tests/)").isEqualTo(routeFiles());
        VolumeMount mount = mountOf(overlay, junction, routes.getMetadata().getName());
        assertThat(mount.getMountPath()).as(overlay + ": routes mount path")
                .isEqualTo(inWorkingDir(junction, config.getProperty("junction.routes.dir")));
        assertThat(mount.getSubPath()).as(overlay + ": a subPath mount never sees ConfigMap updates").isNull();
        assertThat(config.getProperty("junction.routes.reload.enabled")).as(overlay + ": hot reload").isEqualTo("true");
        assertThat(routes.getMetadata().getName()).as(overlay + ": a fixed name, so an update is applied in place")
                .isEqualTo("junction-routes");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void configurationAndSchemasAreMountedWhereJunctionReadsThem(String overlay) throws IOException {
        Container junction = container(overlay);
        Properties config = prodConfig(junction);
        ConfigMap configuration = mountedConfigMap(overlay, "junction-config-");
        assertThat(configuration.getData()).as(overlay + ": config ConfigMap")
                .isEqualTo(Map.of("application.properties", Files.readString(CONFIG, StandardCharsets.UTF_8)));
        assertThat(mountOf(overlay, junction, configuration.getMetadata().getName()).getMountPath())
                .as(overlay + ": config mount path").isEqualTo(inWorkingDir(junction, "config"));
        ConfigMap schemas = mountedConfigMap(overlay, "junction-schemas-");
        assertThat(new TreeMap<>(schemas.getData())).as(overlay + ": schemas ConfigMap")
                .isEqualTo(files(Path.of("config/schemas"), ".json"));
        assertThat(mountOf(overlay, junction, schemas.getMetadata().getName()).getMountPath())
                .as(overlay + ": schemas mount path")
                .isEqualTo(inWorkingDir(junction, config.getProperty("junction.schemas.dir")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void imagesAndResourcesAreSet(String overlay) {
        for (Container container : deployment(overlay).getSpec().getTemplate().getSpec().getContainers()) {
            String image = container.getImage();
            assertThat(image).as(overlay + ": image of " + container.getName()).isNotBlank().contains(":")
                    .doesNotEndWith(":latest");
            for (String kind : List.of("requests", "limits")) {
                Map<String, ?> amounts = "requests".equals(kind) ? container.getResources().getRequests()
                        : container.getResources().getLimits();
                assertThat(amounts).as(overlay + ": " + kind + " of " + container.getName())
                        .containsKeys("cpu", "memory");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void noContainerRunsAsRootOrCanWriteItsImage(String overlay) {
        PodSpec pod = deployment(overlay).getSpec().getTemplate().getSpec();
        PodSecurityContext podSecurity = pod.getSecurityContext();
        assertThat(podSecurity).as(overlay + ": pod securityContext").isNotNull();
        for (Container container : pod.getContainers()) {
            SecurityContext security = container.getSecurityContext();
            String name = overlay + ": container " + container.getName();
            assertThat(security).as(name + " securityContext").isNotNull();
            Boolean nonRoot = security.getRunAsNonRoot() != null ? security.getRunAsNonRoot()
                    : podSecurity.getRunAsNonRoot();
            Long user = security.getRunAsUser() != null ? security.getRunAsUser() : podSecurity.getRunAsUser();
            assertThat(nonRoot).as(name + " runAsNonRoot").isTrue();
            assertThat(user).as(name + " runAsUser").isNotNull().isNotZero();
            assertThat(security.getPrivileged()).as(name + " privileged").isNotEqualTo(Boolean.TRUE);
            assertThat(security.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
            assertThat(security.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
            assertThat(security.getCapabilities().getDrop()).as(name + " dropped capabilities").contains("ALL");
            assertThat(security.getCapabilities().getAdd()).as(name + " added capabilities").isNullOrEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "dev", "prod" })
    void everySecretKeyReferencedIsDocumented(String overlay) throws IOException {
        Set<String> documented = SecretDocs.documentedKeys(KUBERNETES.resolve("README.md"));
        List<String> referenced = secretKeys(overlay);
        assertThat(referenced).as(overlay + ": Secret keys referenced").isNotEmpty();
        assertThat(referenced).as("Secret keys referenced in the " + overlay + " overlay that kubernetes/README.md"
                + " does not document (a row | `secret` | `key` | ... in its Secrets table)")
                .allMatch(documented::contains);
    }

    @Test
    void prodRunsTheNativeImageOnSeveralReplicasWithBudgetAutoscalingPolicyAndScraping() throws IOException {
        Manifests prod = rendered.get("prod");
        Deployment deployment = deployment("prod");
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(deployment.getSpec().getReplicas()).as("prod replicas").isGreaterThanOrEqualTo(2);
        assertThat(container("prod").getImage()).as("prod image: the native build").endsWith("-native");

        PodDisruptionBudget budget = prod.one(PodDisruptionBudget.class);
        assertThat(podLabels).as("the PodDisruptionBudget selects Junction's pods")
                .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());

        HorizontalPodAutoscaler autoscaler = prod.one(HorizontalPodAutoscaler.class);
        assertThat(autoscaler.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(autoscaler.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment.getMetadata().getName());
        assertThat(autoscaler.getSpec().getMinReplicas()).as("autoscaler floor").isGreaterThanOrEqualTo(2);
        assertThat(autoscaler.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());

        NetworkPolicy policy = prod.one(NetworkPolicy.class);
        assertThat(podLabels).as("the NetworkPolicy selects Junction's pods")
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getIngress()).flatExtracting(rule -> rule.getPorts())
                .allSatisfy(port -> assertThat(containerPort(container("prod"), port.getPort()))
                        .isEqualTo(configuredHttpPort(container("prod"))));

        assertThat(prod.all(ServiceMonitor.class)).as("prod ServiceMonitor").hasSize(1);
        Container junction = container("prod");
        assertThat(env(junction)).as("prod logs JSON lines").containsEntry("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
    }

    @Test
    void prodServesHttpsOnlyFromTheMountedTlsSecret() {
        Container junction = container("prod");
        Map<String, String> env = env(junction);
        assertThat(servesHttps(junction)).as("prod configures a certificate (JUNCTION_HTTP_TLS_*)").isTrue();
        // Both files are keys of a Secret volume, mounted whole (a subPath mount never sees a renewed certificate).
        for (String variable : List.of("JUNCTION_HTTP_TLS_CERTIFICATE", "JUNCTION_HTTP_TLS_KEY")) {
            Path file = Path.of(env.get(variable));
            VolumeMount mount = junction.getVolumeMounts().stream()
                    .filter(candidate -> file.getParent().equals(Path.of(candidate.getMountPath()))).findFirst()
                    .orElseThrow(() -> new AssertionError(variable + ": nothing is mounted at " + file.getParent()));
            assertThat(mount.getSubPath()).as(variable + " mount subPath").isNull();
            Volume volume = deployment("prod").getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(candidate -> candidate.getName().equals(mount.getName())).findFirst().orElseThrow();
            assertThat(volume.getSecret()).as(variable + ": " + file.getParent() + " is a Secret volume").isNotNull();
            assertThat(volume.getSecret().getItems()).as(variable + ": the Secret holds " + file.getFileName())
                    .anyMatch(item -> item.getPath().equals(file.getFileName().toString()));
        }
        // Plain HTTP has no listener with a certificate configured, so nothing may point at it.
        assertThat(junction.getPorts()).as("prod container ports").extracting(ContainerPort::getName)
                .containsExactly("https");
        assertThat(rendered.get("prod").one(Service.class).getSpec().getPorts()).extracting(ServicePort::getName)
                .containsExactly("https");
    }

    @Test
    void devRunsOneReplicaAgainstTheStandInInventory() {
        assertThat(deployment("dev").getSpec().getReplicas()).isEqualTo(1);
        assertThat(env(container("dev"))).containsEntry("INVENTORY_STAND_IN_ENABLED", "true");
        assertThat(rendered.get("dev").all(HorizontalPodAutoscaler.class)).isEmpty();
    }

    /** The configuration the container's Junction sees: config/application.properties (prod), then its env. */
    private static Properties prodConfig(Container container) {
        Properties config;
        try {
            config = ConfigFileProperties.load(CONFIG, "prod");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        env(container).forEach((name, value) -> {
            for (String key : config.stringPropertyNames()) {
                if (key.toUpperCase().replaceAll("[^A-Z0-9]", "_").equals(name)) {
                    config.setProperty(key, value);
                }
            }
        });
        return config;
    }

    /** The port Junction serves on in this container: HTTPS only once a certificate is configured. */
    private static int configuredHttpPort(Container container) {
        return Integer.parseInt(prodConfig(container)
                .getProperty(servesHttps(container) ? "quarkus.http.ssl-port" : "quarkus.http.port"));
    }

    /** Whether the container configures Junction's certificate (dev.junction.runtime.https.HttpsListener). */
    private static boolean servesHttps(Container container) {
        Map<String, String> env = env(container);
        return env.containsKey("JUNCTION_HTTP_TLS_CERTIFICATE") && env.containsKey("JUNCTION_HTTP_TLS_KEY");
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> env = new TreeMap<>();
        for (EnvVar variable : container.getEnv()) {
            if (variable.getValue() != null) {
                env.put(variable.getName(), variable.getValue());
            }
        }
        return env;
    }

    private static String inWorkingDir(Container container, String path) {
        assertThat(container.getWorkingDir()).as("the container names its working directory (where Junction resolves"
                + " relative paths)").isNotBlank();
        return Path.of(container.getWorkingDir()).resolve(path).normalize().toString();
    }

    private static int containerPort(Container container, IntOrString port) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return container.getPorts().stream().filter(candidate -> port.getStrVal().equals(candidate.getName()))
                .map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new AssertionError("No container port named " + port.getStrVal()));
    }

    private Deployment deployment(String overlay) {
        return rendered.get(overlay).one(Deployment.class);
    }

    private Container container(String overlay) {
        return deployment(overlay).getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(container -> "junction".equals(container.getName())).findFirst()
                .orElseThrow(() -> new AssertionError(overlay + ": no container named junction"));
    }

    /** The ConfigMap (by name, or by name prefix for generated ones) that a volume of the Deployment mounts. */
    private ConfigMap mountedConfigMap(String overlay, String nameOrPrefix) {
        PodSpec pod = deployment(overlay).getSpec().getTemplate().getSpec();
        String name = pod.getVolumes().stream().map(Volume::getConfigMap).filter(source -> source != null)
                .map(source -> source.getName())
                .filter(candidate -> nameOrPrefix.endsWith("-") ? candidate.startsWith(nameOrPrefix)
                        : candidate.equals(nameOrPrefix))
                .findFirst().orElseThrow(() -> new AssertionError(overlay + ": no volume of ConfigMap "
                        + nameOrPrefix));
        return rendered.get(overlay).named(ConfigMap.class, name).orElseThrow(() -> new AssertionError(overlay
                + ": a volume mounts ConfigMap " + name + ", which the manifests do not contain"));
    }

    private VolumeMount mountOf(String overlay, Container container, String configMapName) {
        PodSpec pod = deployment(overlay).getSpec().getTemplate().getSpec();
        String volume = pod.getVolumes().stream()
                .filter(candidate -> candidate.getConfigMap() != null
                        && configMapName.equals(candidate.getConfigMap().getName()))
                .map(Volume::getName).findFirst().orElseThrow();
        List<VolumeMount> mounts = container.getVolumeMounts().stream()
                .filter(mount -> volume.equals(mount.getName())).toList();
        assertThat(mounts).as(overlay + ": mounts of volume " + volume).hasSize(1);
        return mounts.get(0);
    }

    /** secret/key of every Secret value the Deployment reads. */
    private List<String> secretKeys(String overlay) {
        PodSpec pod = deployment(overlay).getSpec().getTemplate().getSpec();
        List<String> keys = new ArrayList<>();
        for (Container container : pod.getContainers()) {
            for (EnvVar variable : container.getEnv()) {
                SecretKeySelector secret = variable.getValueFrom() != null
                        ? variable.getValueFrom().getSecretKeyRef() : null;
                if (secret != null) {
                    keys.add(secret.getName() + "/" + secret.getKey());
                }
            }
            assertThat(container.getEnvFrom()).as(overlay + ": envFrom would take a whole Secret, undocumented key"
                    + " by key").isNullOrEmpty();
        }
        for (Volume volume : pod.getVolumes()) {
            if (volume.getSecret() != null) {
                assertThat(volume.getSecret().getItems()).as(overlay + ": Secret volume " + volume.getName()
                        + " lists its keys (a whole Secret would be mounted undocumented, key by key)").isNotEmpty();
                volume.getSecret().getItems()
                        .forEach(item -> keys.add(volume.getSecret().getSecretName() + "/" + item.getKey()));
            }
        }
        return keys;
    }

    private static Map<String, String> routeFiles() throws IOException {
        return files(ROUTES, ".yaml");
    }

    private static Map<String, String> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            Map<String, String> contents = new TreeMap<>();
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(suffix)).toList()) {
                contents.put(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
            return contents;
        }
    }

    /** Which secret/key pairs kubernetes/README.md documents: rows of a table starting | `secret` | `key` |. */
    static final class SecretDocs {

        private SecretDocs() {
        }

        static Set<String> documentedKeys(Path readme) throws IOException {
            Set<String> keys = new TreeSet<>();
            for (String line : Files.readAllLines(readme, StandardCharsets.UTF_8)) {
                List<String> cells = Stream.of(line.split("\\|")).map(String::strip).collect(Collectors.toList());
                if (line.startsWith("|") && cells.size() > 3 && cells.get(1).matches("`[^`]+`")
                        && cells.get(2).matches("`[^`]+`")) {
                    keys.add(strip(cells.get(1)) + "/" + strip(cells.get(2)));
                }
            }
            return keys;
        }

        private static String strip(String cell) {
            return cell.substring(1, cell.length() - 1);
        }
    }
}
