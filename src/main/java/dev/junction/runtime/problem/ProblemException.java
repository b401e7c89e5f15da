package dev.junction.runtime.problem;

/**
 * A request that is answered with an error status and a problem body ({@link ProblemResponses}): the problem's type
 * (the last part of its URN) and title, and this exception's message as its detail. Each feature that answers its
 * own failures this way has a subclass, so that its routes catch their own kind only.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public ProblemException(int status, String type, String title, String detail) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }
}
