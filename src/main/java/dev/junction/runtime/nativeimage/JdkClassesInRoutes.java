package dev.junction.runtime.nativeimage;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The JDK classes YAML routes name, registered for reflection so a native image can load them by name: the
 * {@code onException: java.lang.Exception} clauses of routes/. Application classes register themselves (their own
 * {@code @RegisterForReflection}); the build's native readiness check
 * ({@code dev.junction.runtime.nativeimage.NativeReadinessCheck}) fails on any class a route names that is not.
 */
@RegisterForReflection(targets = { Exception.class })
final class JdkClassesInRoutes {

    private JdkClassesInRoutes() {
    }
}
