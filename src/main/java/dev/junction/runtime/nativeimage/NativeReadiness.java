package dev.junction.runtime.nativeimage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.CamelContext;
import org.apache.camel.model.BeanDefinition;
import org.apache.camel.model.CatchDefinition;
import org.apache.camel.model.ConvertBodyDefinition;
import org.apache.camel.model.EndpointRequiredDefinition;
import org.apache.camel.model.ExpressionNode;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.ProcessorDefinition;
import org.apache.camel.model.ProcessorDefinitionHelper;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.ThrowExceptionDefinition;
import org.apache.camel.model.ToDynamicDefinition;
import org.apache.camel.model.language.MethodCallExpression;
import org.apache.camel.util.ObjectHelper;

import dev.junction.runtime.validation.RouteDefinitions;
import dev.junction.runtime.validation.RouteFileValidator;
import dev.junction.runtime.validation.RouteProblem;

/**
 * Whether YAML routes will work in a native image, checked before one is built: a native image loads, instantiates and
 * introspects by name only the classes registered for reflection, and contains only the components whose Camel
 * Quarkus extension was in the build. So every class a route names (onException and doCatch exception types,
 * throwException types, convertBodyTo types, beanType, {@code #class:} references, {@code class:} endpoints) must be
 * registered, and so must the class of every bean whose methods a route calls by name (bean steps, method
 * expressions); and every component scheme a route uses must come with its {@code camel-quarkus-*} extension, or,
 * for a plain component Junction registers itself (dev.junction.runtime.nativeimage.PlainCamelComponents), with the classes
 * its service descriptors name registered for reflection.
 * On the JVM all of this works anyway, which is why it is checked at build time.
 */
final class NativeReadiness {

    private static final Pattern CLASS_REFERENCE = Pattern.compile("#class:([A-Za-z_$][\\w.$]*)");
    private static final String EXTENSION_GROUP = "org.apache.camel.quarkus:";

    private final CamelContext camel;
    private final ReflectionRegistrations reflection;
    private final Function<String, Optional<String>> componentArtifact;
    private final Function<String, Set<String>> componentClasses;
    private final Set<String> extensions;
    private int classesChecked;
    private int schemesChecked;

    /**
     * @param componentArtifact scheme to the artifact of its component (see {@link CamelExtensions#componentArtifact})
     * @param componentClasses scheme to the classes its descriptors name (see {@link CamelExtensions#componentClasses})
     * @param extensions the Camel Quarkus extensions of the build
     */
    NativeReadiness(CamelContext camel, ReflectionRegistrations reflection,
            Function<String, Optional<String>> componentArtifact, Function<String, Set<String>> componentClasses,
            Set<String> extensions) {
        this.camel = camel;
        this.reflection = reflection;
        this.componentArtifact = componentArtifact;
        this.componentClasses = componentClasses;
        this.extensions = extensions;
    }

    List<RouteProblem> check(List<RouteDefinitions> files) {
        List<RouteProblem> problems = new ArrayList<>();
        for (RouteDefinitions file : files) {
            String name = file.source().name();
            List<ProcessorDefinition<?>> steps = new ArrayList<>();
            for (RouteDefinition route : file.routes()) {
                scheme(name, RouteFileValidator.line(route.getInput()), route.getInput().getEndpointUri(), problems);
                steps.addAll(everyStep(route.getOutputs()));
            }
            for (RouteConfigurationDefinition configuration : file.configurations()) {
                for (OnExceptionDefinition onException : configuration.getOnExceptions()) {
                    steps.add(onException);
                    steps.addAll(everyStep(onException.getOutputs()));
                }
            }
            if (!file.rests().isEmpty()) {
                scheme(name, RouteFileValidator.line(file.rests().get(0)), "rest:", problems);
            }
            for (ProcessorDefinition<?> step : steps) {
                check(name, step, problems);
            }
            classReferences(file, problems);
        }
        // Route configurations' onException clauses also appear in the routes that use them: report each once.
        return problems.stream().distinct().toList();
    }

    /** The steps at every depth: inside choices, splits, filters, circuit breakers, ... */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static List<ProcessorDefinition<?>> everyStep(List<ProcessorDefinition<?>> outputs) {
        return new ArrayList<>((Collection) ProcessorDefinitionHelper.filterTypeInOutputs(outputs,
                ProcessorDefinition.class));
    }

    int classesChecked() {
        return classesChecked;
    }

    int schemesChecked() {
        return schemesChecked;
    }

    private void check(String file, ProcessorDefinition<?> step, List<RouteProblem> problems) {
        int line = RouteFileValidator.line(step);
        if (step instanceof OnExceptionDefinition onException) {
            onException.getExceptions().forEach(type -> named(file, line, type, "onException", problems));
        } else if (step instanceof CatchDefinition doCatch) {
            doCatch.getExceptions().forEach(type -> named(file, line, type, "doCatch", problems));
        } else if (step instanceof ThrowExceptionDefinition throwException
                && throwException.getExceptionType() != null) {
            named(file, line, throwException.getExceptionType(), "throwException", problems);
        } else if (step instanceof ConvertBodyDefinition convert) {
            named(file, line, convert.getType(), "convertBodyTo", problems);
        } else if (step instanceof BeanDefinition bean) {
            if (bean.getRef() != null) {
                beanCall(file, line, bean.getRef(), problems);
            }
            if (bean.getBeanType() != null) {
                named(file, line, bean.getBeanType(), "bean beanType", problems);
            }
        } else if (step instanceof EndpointRequiredDefinition send) {
            scheme(file, line, send.getEndpointUri(), problems);
        } else if (step instanceof ToDynamicDefinition send) {
            scheme(file, line, send.getUri(), problems);
        }
        if (step instanceof ExpressionNode node && node.getExpression() instanceof MethodCallExpression method) {
            if (method.getRef() != null) {
                beanCall(file, line, method.getRef(), problems);
            }
            if (method.getBeanTypeName() != null) {
                named(file, line, method.getBeanTypeName(), "method beanType", problems);
            }
        }
    }

    /** A class a route names, to be loaded (and perhaps instantiated) by name. */
    private void named(String file, int line, String type, String where, List<RouteProblem> problems) {
        if (type == null || type.isBlank()) {
            return;
        }
        classesChecked++;
        String resolved = camel.resolvePropertyPlaceholders(type).strip();
        // Camel resolves these (String, Integer, byte[], ...) itself, without loading them by name.
        if (ObjectHelper.loadSimpleType(resolved) != null || reflection.registered().contains(resolved)) {
            return;
        }
        problems.add(new RouteProblem(file, line, where + " names " + resolved + ", which is not registered for"
                + " reflection: a native image cannot load it by name. Annotate it @RegisterForReflection, or list it"
                + " in @RegisterForReflection(targets = ...) on an application class if it is not the application's"));
    }

    /** A bean whose methods the route calls by name: Camel introspects its class. */
    private void beanCall(String file, int line, String ref, List<RouteProblem> problems) {
        classesChecked++;
        String type = reflection.namedBeans().get(ref);
        if (type == null) {
            problems.add(RouteProblem.warning(file, line, "bean '" + ref + "' is not a @Named bean of the"
                    + " application, so whether its class is registered for reflection cannot be checked"));
        } else if (!reflection.registered().contains(type)) {
            problems.add(new RouteProblem(file, line, "bean '" + ref + "' (" + type + ") has its methods called by"
                    + " name, but its class is not registered for reflection: a native image cannot call them."
                    + " Annotate it @RegisterForReflection"));
        }
    }

    private void scheme(String file, int line, String uri, List<RouteProblem> problems) {
        String resolved;
        try {
            resolved = camel.resolvePropertyPlaceholders(uri);
        } catch (RuntimeException unresolved) {
            return; // the route validator reports unresolved placeholders
        }
        int colon = resolved == null ? -1 : resolved.indexOf(':');
        if (colon <= 0 || resolved.substring(0, colon).contains("${")) {
            return; // chosen per message: cannot be known before one arrives
        }
        String scheme = resolved.substring(0, colon);
        schemesChecked++;
        if ("class".equals(scheme)) {
            String type = resolved.substring(colon + 1).split("\\?", 2)[0];
            named(file, line, type, "endpoint " + uri, problems);
        } else if ("bean".equals(scheme)) {
            beanCall(file, line, resolved.substring(colon + 1).split("\\?", 2)[0], problems);
        }
        Optional<String> artifact = componentArtifact.apply(scheme);
        if (artifact.isEmpty()) {
            problems.add(new RouteProblem(file, line, "component scheme '" + scheme + "' in '" + uri + "': no Camel"
                    + " component on the class path has it; add its Camel Quarkus extension (" + EXTENSION_GROUP
                    + "camel-quarkus-" + scheme + ", if that is its name) to pom.xml"));
            return;
        }
        if (artifact.get().startsWith("?")) {
            problems.add(new RouteProblem(file, line, "component scheme '" + scheme + "' in '" + uri + "' comes from "
                    + artifact.get().substring(1) + ", not from a Camel component jar: which extension brings it"
                    + " into a native image cannot be told"));
            return;
        }
        String extension = "camel-quarkus-" + artifact.get().substring("camel-".length());
        if (extensions.contains(extension)) {
            return;
        }
        Set<String> unregistered = new TreeSet<>(componentClasses.apply(scheme));
        unregistered.removeAll(reflection.registered());
        if (!unregistered.isEmpty()) {
            problems.add(new RouteProblem(file, line, "component scheme '" + scheme + "' in '" + uri + "' comes from "
                    + artifact.get() + ", but its Camel Quarkus extension " + EXTENSION_GROUP + extension
                    + " is not in the build, and the plain component's classes are not registered for reflection"
                    + " either (" + String.join(", ", unregistered) + "): a native image would not have the"
                    + " component. Add the extension to pom.xml or, where it is not served, register those classes"
                    + " in dev.junction.runtime.nativeimage.PlainCamelComponents"));
        }
    }

    /** {@code #class:name} references (bean parameters, endpoint options) appear anywhere: read from the text. */
    private void classReferences(RouteDefinitions file, List<RouteProblem> problems) {
        String[] lines = file.source().content().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].stripLeading().startsWith("#")) {
                continue;
            }
            Matcher reference = CLASS_REFERENCE.matcher(lines[i]);
            while (reference.find()) {
                named(file.source().name(), i + 1, reference.group(1), "#class:", problems);
            }
        }
    }
}
