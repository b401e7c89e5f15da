package dev.junction.runtime.validation;

import java.io.File;
import java.io.IOException;
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

/** The names of the classes under a package, found on a class loader's class path (directories and jars). */
public final class PackageClasses {

    private PackageClasses() {
    }

    public static List<String> names(ClassLoader classLoader, String packageRoot) throws IOException {
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
