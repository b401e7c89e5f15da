package dev.junction.routetest;

/** A test file that cannot be read as route tests; the message names the file, the line and what is wrong. */
public class TestFileException extends RuntimeException {

    public TestFileException(String message) {
        super(message);
    }

    public TestFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
