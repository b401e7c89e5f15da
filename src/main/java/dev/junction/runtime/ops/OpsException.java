package dev.junction.runtime.ops;

/** A request to the operations API that is answered with an error status and a problem body. */
public class OpsException extends RuntimeException {

    private final int status;
    private final String title;

    public OpsException(int status, String title, String detail) {
        super(detail);
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }
}
