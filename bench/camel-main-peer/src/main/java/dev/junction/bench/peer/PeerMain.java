package dev.junction.bench.peer;

import java.nio.file.Path;

import org.apache.camel.main.Main;

/**
 * Camel Main, configured by application.properties, plus the one bean property files cannot express: the schema
 * directory Junction's jsonSchema bean takes as a {@link Path} (config/schemas under the working directory).
 */
public final class PeerMain {

    private PeerMain() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.bind("schemaDir", Path.of("config", "schemas"));
        main.run(args);
    }
}
