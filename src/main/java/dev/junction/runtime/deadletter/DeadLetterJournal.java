package dev.junction.runtime.deadletter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Where dead letters go when the store cannot take them: one JSON file per message in a local directory, written
 * atomically (a whole file or none). {@link #drain} moves them into the store once it answers again, so an outage
 * of the database delays dead letters but loses none. In Kubernetes the directory must be a volume that outlives
 * the container.
 * <p>
 * An entry is the {@link FailedMessage} as JSON, its body and headers encrypted like the store's
 * ({@link DeadLetterCrypto}, {@code keyId} naming the key); entries written before encryption have no key id and are
 * read as plaintext. Log lines name entries by file, never by content.
 */
@ApplicationScoped
public class DeadLetterJournal {

    private static final Logger LOG = Logger.getLogger(DeadLetterJournal.class);
    private static final String SUFFIX = ".json";

    private final Path directory;
    private final ObjectMapper mapper;
    private final DeadLetterCrypto crypto;

    public DeadLetterJournal(@ConfigProperty(name = "junction.dead-letter.journal.dir") Path directory,
            ObjectMapper mapper, DeadLetterCrypto crypto) {
        this.directory = directory;
        this.mapper = mapper;
        this.crypto = crypto;
    }

    /** Takes a journaled message into the store; throws when the store cannot take it. */
    @FunctionalInterface
    public interface Sink {

        void accept(FailedMessage message) throws Exception;
    }

    public Path write(FailedMessage message) throws IOException {
        Files.createDirectories(directory);
        // Named so that sorting the names replays the order the failures happened in.
        String name = String.format("%020d-%s", System.currentTimeMillis(), message.id());
        Path partial = directory.resolve(name + ".partial");
        Files.write(partial, mapper.writeValueAsBytes(crypto.seal(message)));
        return Files.move(partial, directory.resolve(name + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Moves journaled dead letters into the store, oldest first; stops at the first the store refuses. */
    public int drain(Sink store) {
        int moved = 0;
        for (Path entry : entries()) {
            FailedMessage message;
            try {
                message = crypto.open(mapper.readValue(entry.toFile(), FailedMessage.class));
            } catch (Exception e) {
                // Left where it is, and the rest not held up behind it: it needs its key configured, or a person.
                // A parser's message may quote the file; only the decryption failure's is known to be content-free.
                LOG.errorf("Journaled dead letter %s cannot be read, it stays in the journal: %s", entry,
                        e instanceof DeadLetterDecryptionException ? e.getMessage() : e.getClass().getName());
                continue;
            }
            try {
                store.accept(message);
                Files.delete(entry);
                moved++;
            } catch (Exception e) {
                LOG.debugf("Dead-letter store still unavailable, %s stays in the journal: %s", entry, e);
                break;
            }
        }
        if (moved > 0) {
            LOG.infof("Moved %d journaled dead letter(s) from %s into the store", moved, directory);
        }
        return moved;
    }

    /** Journaled dead letters not yet in the store. */
    public int size() {
        return entries().size();
    }

    private List<Path> entries() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
