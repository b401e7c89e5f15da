package dev.junction.runtime.nativeimage;

import java.beans.Introspector;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Named;

import dev.junction.runtime.validation.PackageClasses;

/**
 * What the application's own classes say about reflection, read from their annotations: the classes registered for
 * reflection ({@code @RegisterForReflection} on a class registers it, or, with {@code targets}/{@code classNames},
 * those instead), and the CDI beans routes can name ({@code @Named} classes and producers, by name, with the class
 * Camel will introspect).
 *
 * @param registered names of the classes registered for reflection
 * @param namedBeans bean name to the class of the bean
 */
record ReflectionRegistrations(Set<String> registered, Map<String, String> namedBeans) {

    static ReflectionRegistrations scan(ClassLoader classLoader, String packageRoot) throws IOException {
        Set<String> registered = new TreeSet<>();
        Map<String, String> namedBeans = new TreeMap<>();
        for (String name : PackageClasses.names(classLoader, packageRoot)) {
            Class<?> type;
            try {
                type = Class.forName(name, false, classLoader);
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
            RegisterForReflection registration = type.getAnnotation(RegisterForReflection.class);
            if (registration != null) {
                if (registration.targets().length == 0 && registration.classNames().length == 0) {
                    registered.add(type.getName());
                }
                for (Class<?> target : registration.targets()) {
                    registered.add(target.getName());
                }
                registered.addAll(Set.of(registration.classNames()));
            }
            try {
                Named named = type.getAnnotation(Named.class);
                if (named != null) {
                    namedBeans.put(beanName(named, type.getSimpleName()), type.getName());
                }
                for (Method producer : type.getDeclaredMethods()) {
                    Named producerName = producer.getAnnotation(Named.class);
                    if (producerName != null) {
                        namedBeans.put(beanName(producerName, producer.getName()), producer.getReturnType().getName());
                    }
                }
                for (Field producer : type.getDeclaredFields()) {
                    Named producerName = producer.getAnnotation(Named.class);
                    if (producerName != null) {
                        namedBeans.put(beanName(producerName, producer.getName()), producer.getType().getName());
                    }
                }
            } catch (LinkageError unloadable) {
                // a class whose members reference what is not on this class path names no bean a route can use
            }
        }
        return new ReflectionRegistrations(registered, namedBeans);
    }

    /** CDI's default name: the simple class name or member name, first letter lower case. */
    private static String beanName(Named named, String declared) {
        return named.value().isEmpty() ? Introspector.decapitalize(declared) : named.value();
    }
}
