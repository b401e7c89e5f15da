package dev.junction.runtime.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.apache.camel.component.microprofile.faulttolerance.FaultToleranceConfiguration;
import org.apache.camel.component.microprofile.faulttolerance.FaultToleranceProcessorFactory;
import org.apache.camel.component.microprofile.faulttolerance.FaultToleranceReifier;
import org.apache.camel.component.quartz.CamelJob;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzComponentConfigurer;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.camel.component.quartz.QuartzEndpointConfigurer;
import org.apache.camel.component.quartz.QuartzEndpointUriFactory;
import org.apache.camel.component.quartz.StatefulCamelJob;
import org.apache.camel.component.sql.SqlComponent;
import org.apache.camel.component.sql.SqlComponentConfigurer;
import org.apache.camel.component.sql.SqlEndpoint;
import org.apache.camel.component.sql.SqlEndpointConfigurer;
import org.apache.camel.component.sql.SqlEndpointUriFactory;
import org.apache.camel.pollconsumer.quartz.QuartzScheduledPollConsumerJob;
import org.apache.camel.support.DefaultExchangeHolder;
import org.quartz.simpl.CascadingClassLoadHelper;
import org.quartz.simpl.RAMJobStore;
import org.quartz.simpl.SimpleInstanceIdGenerator;
import org.quartz.simpl.SimpleThreadPool;

/**
 * The plain Camel components Junction uses because their Camel Quarkus extensions are not served at Camel Quarkus
 * 3.31.0 (camel-quarkus-sql, -quartz, -microprofile-fault-tolerance), registered for reflection here as those
 * extensions' build steps would register them: a native image instantiates a component, its configurers and URI
 * factory by the class names in its {@code META-INF/services/org/apache/camel} descriptors, and Quartz builds its
 * thread pool, job store and jobs from class names. The descriptors themselves, and Quartz's default properties, are
 * included as native resources by src/main/resources/application.properties
 * ({@code quarkus.camel.service.discovery.include-patterns}, {@code quarkus.native.resources.includes}).
 * <p>
 * The build's native readiness check ({@code dev.junction.runtime.nativeimage.NativeReadinessCheck}) accepts a
 * route's scheme without its extension only when the classes its descriptors name are registered here.
 */
@RegisterForReflection(targets = {
        // camel-sql; java.sql.Types: its parameter types are looked up by name (?type=...), and the exchange holder
        // is how it serialises exchanges into the JDBC aggregation repository
        SqlComponent.class, SqlEndpoint.class, SqlComponentConfigurer.class, SqlEndpointConfigurer.class,
        SqlEndpointUriFactory.class, java.sql.Types.class, DefaultExchangeHolder.class,
        // camel-quartz and Quartz itself
        QuartzComponent.class, QuartzEndpoint.class, QuartzComponentConfigurer.class, QuartzEndpointConfigurer.class,
        QuartzEndpointUriFactory.class, CamelJob.class, StatefulCamelJob.class, QuartzScheduledPollConsumerJob.class,
        SimpleThreadPool.class, RAMJobStore.class, SimpleInstanceIdGenerator.class, CascadingClassLoadHelper.class,
        // camel-microprofile-fault-tolerance: the circuitBreaker EIP finds its reifier through a descriptor
        FaultToleranceProcessorFactory.class, FaultToleranceReifier.class, FaultToleranceConfiguration.class })
final class PlainCamelComponents {

    private PlainCamelComponents() {
    }
}
