package io.cubeintegration.cube;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Text from outside (Cube's links, bodies and error pages, a feed file's values) made fit for one log line: control
 * characters escaped, so a newline cannot forge a line and a terminal escape cannot reach the operator's terminal,
 * and the length capped, so an error page cannot flood the log; a secret of the process's is masked too.
 */
public final class LogSafe {

    /** The most characters of one outside value a log line or message quotes. */
    public static final int MAX_CHARS = 300;

    private LogSafe() {
    }

    /** One outside value, at most {@link #MAX_CHARS} characters of it. */
    public static String text(String value) {
        return escaped(value, MAX_CHARS);
    }

    /** A whole message that may quote outside values: escaped, and capped at a few lines' worth. */
    public static String line(String message) {
        return escaped(message, 2000);
    }

    /**
     * A failure in one line, the message worth showing: Camel wraps a failure inside splits and sub-routes in layers
     * of "Multicast processing failed"; the cause that says what went wrong (ours, or the innermost) is the one an
     * operator needs, with the file system's reason where that is why.
     */
    public static String failure(Throwable failure) {
        return line(innermostMessage(failure));
    }

    private static String innermostMessage(Throwable failure) {
        Throwable root = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof CubeApiException || cause instanceof IllegalArgumentException
                    || cause instanceof IllegalStateException || cause instanceof UncheckedIOException) {
                // our message says what we were doing; the file system's reason (disk full, permission) says why
                String why = cause instanceof UncheckedIOException || cause.getCause() instanceof FileSystemException
                        ? fileSystemReason(cause.getCause()) : null;
                return why == null || cause.getMessage().contains(why) ? cause.getMessage() : cause.getMessage() + ": " + why;
            }
            root = cause;
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Why the operating system refused a file operation, or null when the cause is no such refusal. */
    private static String fileSystemReason(Throwable cause) {
        if (cause instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (cause instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (cause instanceof FileSystemException fileSystem) {
            return fileSystem.getReason() != null ? fileSystem.getReason() : fileSystem.getClass().getSimpleName();
        }
        if (cause instanceof IOException io) {
            return io.getMessage() != null ? io.getMessage() : io.getClass().getSimpleName();
        }
        return null;
    }

    private static String escaped(String text, int max) {
        if (text == null) {
            return "null";
        }
        String value = SecretMask.mask(text);
        StringBuilder safe = new StringBuilder(Math.min(value.length(), max) + 16);
        int shown = 0;
        for (int i = 0; i < value.length() && shown < max; i++, shown++) {
            char c = value.charAt(i);
            switch (c) {
                case '\n' -> safe.append("\\n");
                case '\r' -> safe.append("\\r");
                case '\t' -> safe.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                            || c == '\u2028' || c == '\u2029') {
                        safe.append(String.format("\\u%04x", (int) c));
                    } else {
                        safe.append(c);
                    }
                }
            }
        }
        if (value.length() > max) {
            safe.append("… (").append(value.length()).append(" characters)");
        }
        return safe.toString();
    }
}
