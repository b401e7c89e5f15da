package dev.junction.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.quarkus.logging.json.runtime.JsonFormatter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.jboss.logmanager.handlers.ConsoleHandler;

/**
 * Every log record the application writes while open, as the logging system hands it over (a handler on the root
 * logger, beside the console's): logger, thread, message, and the MDC as it was when the line was written. Lines can
 * be formatted with the application's own console format, as JSON lines, or by the running console handler's own
 * formatter. The console's filter (quarkus.log.console.filter) has had each record before this handler, and changes it
 * in place. Close it to stop capturing.
 */
public final class CapturedLogs extends Handler implements AutoCloseable {

    /**
     * One log line: its record (with its MDC copied when it was written), and the running console handler's formatter.
     */
    public record Line(ExtLogRecord record, Formatter consoleFormatter) {

        public String logger() {
            return record.getLoggerName();
        }

        public String thread() {
            return record.getThreadName();
        }

        public String message() {
            return record.getFormattedMessage();
        }

        public String mdc(String key) {
            return record.getMdc(key);
        }

        /** As the console shows it (quarkus.log.console.format). */
        public String formatted() {
            return new PatternFormatter(ConfigProvider.getConfig().getValue("quarkus.log.console.format",
                    String.class)).format(record);
        }

        /** As a JSON log line (quarkus-logging-json, QUARKUS_LOG_CONSOLE_JSON_ENABLED=true) shows it. */
        public String json() {
            return new JsonFormatter().format(record);
        }

        /** As the running console handler formats it: its pattern, or JSON with quarkus.log.console.json.enabled. */
        public String console() {
            if (consoleFormatter == null) {
                throw new AssertionError("No console handler was installed when capturing started");
            }
            return consoleFormatter.format(record);
        }

        @Override
        public String toString() {
            return "[" + logger() + "] (" + thread() + ") mdc=" + record.getMdcCopy() + " " + message();
        }
    }

    private final Logger root = Logger.getLogger("");
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Map<String, Level> raised;
    private final Formatter console;

    private CapturedLogs(Map<String, Level> raised, Formatter console) {
        this.raised = raised;
        this.console = console;
    }

    /** Captures from now on, with the given loggers lowered to DEBUG while capturing (restored on close). */
    public static CapturedLogs start(String... debugLoggers) {
        Map<String, Level> previous = new HashMap<>();
        for (String name : debugLoggers) {
            Logger logger = Logger.getLogger(name);
            previous.put(name, logger.getLevel());
            logger.setLevel(Level.FINE);
        }
        CapturedLogs logs = new CapturedLogs(previous, consoleFormatter(Logger.getLogger("").getHandlers()));
        logs.root.addHandler(logs);
        return logs;
    }

    /** Quarkus puts its console handler under a handler of its own on the root logger. */
    private static Formatter consoleFormatter(Handler[] handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler console) {
                return console.getFormatter();
            }
            if (handler instanceof ExtHandler parent) {
                Formatter nested = consoleFormatter(parent.getHandlers());
                if (nested != null) {
                    return nested;
                }
            }
        }
        return null;
    }

    @Override
    public void publish(LogRecord record) {
        ExtLogRecord line = ExtLogRecord.wrap(record);
        // The MDC belongs to the thread writing the line: keep it as it is now.
        line.copyMdc();
        lines.add(new Line(line, console));
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The lines whose message contains the text. */
    public List<Line> mentioning(String text) {
        return lines.stream().filter(line -> line.message() != null && line.message().contains(text)).toList();
    }

    /** The lines written with this MDC value. */
    public List<Line> withMdc(String key, String value) {
        return lines.stream().filter(line -> value.equals(line.mdc(key))).toList();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        root.removeHandler(this);
        raised.forEach((name, level) -> Logger.getLogger(name).setLevel(level));
    }
}
