package io.cubeintegration.cube;

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
