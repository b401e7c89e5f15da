package dev.junction.validation.cli;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import dev.junction.validation.RouteInventory;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.rest.RestDefinition;

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
        String path = packageRoot.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        for (URL root : Collections.list(classLoader.getResources(path))) {
            if ("file".equals(root.getProtocol())) {
                Path dir;
                try {
                    dir = Path.of(root.toURI());
                } catch (URISyntaxException e) {
                    continue;
                }
                Path base = dir;
                for (int i = 0; i < path.split("/").length; i++) {
                    base = base.getParent();
                }
                Path classesRoot = base;
                try (Stream<Path> files = Files.walk(dir)) {
                    files.map(file -> classesRoot.relativize(file).toString().replace(File.separatorChar, '/'))
                            .filter(name -> name.endsWith(".class")).forEach(name -> names.add(className(name)));
                }
            } else if ("jar".equals(root.getProtocol())) {
                try (JarFile jar = ((JarURLConnection) root.openConnection()).getJarFile()) {
                    jar.stream().map(entry -> entry.getName())
                            .filter(name -> name.startsWith(path + "/") && name.endsWith(".class"))
                            .forEach(name -> names.add(className(name)));
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static String className(String resource) {
        return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
    }
}
