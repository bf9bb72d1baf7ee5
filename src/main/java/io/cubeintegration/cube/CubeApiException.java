package io.cubeintegration.cube;

/**
 * A Cube call or answer that the pipeline cannot use. The message names the feed, the status and the
 * URL (never credentials: URLs are built from the configured base URL, which holds none).
 */
public class CubeApiException extends RuntimeException {

    private final int status;
    private final boolean retryable;

    public CubeApiException(String message) {
        this(message, 0, null);
    }

    public CubeApiException(String message, int status, Throwable cause) {
        this(message, status, cause, false);
    }

    /** @param retryable whether asking again may give a usable answer (a truncated body, a dropped connection) */
    public CubeApiException(String message, int status, Throwable cause, boolean retryable) {
        super(message, cause);
        this.status = status;
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The HTTP status Cube answered with, or 0 when the failure was not an HTTP answer. */
    public int status() {
        return status;
    }
}
