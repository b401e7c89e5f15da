package dev.junction.runtime.validation.cli;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;

import dev.junction.runtime.validation.PackageClasses;
import dev.junction.runtime.validation.RouteInventory;

/**
 * The Java DSL routes of the application, seen without starting it: every RouteBuilder and RouteConfigurationBuilder
 * under a package is built with empty constructor arguments and asked for its definitions. Builders that need their
 * beans while configuring cannot be seen this way; they are named, so the validator can say what it could not check.
 */
final class JavaRouteClasses {

    private final ClassLoader classLoader;
    private final String packageRoot;

    JavaRouteClasses(ClassLoader classLoader, String packageRoot) {
        this.classLoader = classLoader;
        this.packageRoot = packageRoot;
    }

    RouteInventory inspect(CamelContext camel) throws IOException {
        List<RouteDefinition> routes = new ArrayList<>();
        List<RestDefinition> rests = new ArrayList<>();
        List<RouteConfigurationDefinition> configurations = new ArrayList<>();
        List<String> notInspected = new ArrayList<>();
        for (String className : classNames()) {
            Class<?> type;
            try {
                type = Class.forName(className, false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            if (Modifier.isAbstract(type.getModifiers()) || !(RouteBuilder.class.isAssignableFrom(type)
                    || RouteConfigurationBuilder.class.isAssignableFrom(type))) {
                continue;
            }
            try {
                Object builder = instantiate(type);
                if (builder instanceof RouteBuilder routeBuilder) {
                    routes.addAll(routeBuilder.configureRoutes(camel).getRoutes());
                    rests.addAll(routeBuilder.getRestCollection().getRests());
                } else if (builder instanceof RouteConfigurationBuilder configurationBuilder) {
                    configurationBuilder.setCamelContext(camel);
                    configurationBuilder.configuration();
                    configurations.addAll(configurationBuilder.getRouteConfigurationCollection()
                            .getRouteConfigurations());
                }
            } catch (Exception | LinkageError e) {
                notInspected.add(type.getSimpleName());
            }
        }
        return RouteInventory.of(routes, rests, configurations, notInspected);
    }

    private static Object instantiate(Class<?> type) throws ReflectiveOperationException {
        Constructor<?> constructor = type.getDeclaredConstructors()[0];
        Object[] arguments = new Object[constructor.getParameterCount()];
        Class<?>[] parameterTypes = constructor.getParameterTypes();
        for (int i = 0; i < arguments.length; i++) {
            arguments[i] = emptyValue(parameterTypes[i]);
        }
        constructor.setAccessible(true);
        return constructor.newInstance(arguments);
    }

    private static Object emptyValue(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type.isPrimitive()) {
            return type == long.class ? 0L : type == double.class ? 0d : type == float.class ? 0f
                    : type == short.class ? (short) 0 : type == byte.class ? (byte) 0 : 0;
        }
        return null;
    }

    private List<String> classNames() throws IOException {
        return PackageClasses.names(classLoader, packageRoot);
    }
}
