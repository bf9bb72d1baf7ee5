package io.cubeintegration.observe;

import java.util.Objects;

import io.cubeintegration.cube.SecretMask;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.rewrite.RewritePolicy;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;

/**
 * The log4j rewrite policy every log event passes (log4j2.properties): the message and the exception's messages with
 * the process's secrets masked ({@link SecretMask}), whoever logged them.
 */
@Plugin(name = "SecretMask", category = Core.CATEGORY_NAME, elementType = "rewritePolicy", printObject = true)
public final class SecretMaskPolicy implements RewritePolicy {

    @PluginFactory
    public static SecretMaskPolicy create() {
        return new SecretMaskPolicy();
    }

    @Override
    public LogEvent rewrite(LogEvent event) {
        String message = event.getMessage().getFormattedMessage();
        String maskedMessage = SecretMask.mask(message);
        Throwable thrown = event.getThrown();
        Throwable maskedThrown = thrown == null ? null : MaskedThrowable.of(thrown);
        if (Objects.equals(message, maskedMessage) && maskedThrown == thrown) {
            return event;
        }
        return new Log4jLogEvent.Builder(event).setMessage(new SimpleMessage(maskedMessage)).setThrown(maskedThrown)
                .setThrownProxy(null).build();
    }

    /** A throwable printed as the original would be, its messages (and its causes') masked. */
    static final class MaskedThrowable extends RuntimeException {
        private final String type;

        private MaskedThrowable(String type, String message, Throwable cause, StackTraceElement[] stack) {
            super(message, cause, false, true);
            this.type = type;
            setStackTrace(stack);
        }

        /** The throwable itself when nothing in its chain holds a secret, else a masked copy of the chain. */
        static Throwable of(Throwable thrown) {
            if (!holdsSecret(thrown)) {
                return thrown;
            }
            return copy(thrown, 0);
        }

        private static boolean holdsSecret(Throwable thrown) {
            int depth = 0;
            for (Throwable t = thrown; t != null && depth < 20; t = t.getCause() == t ? null : t.getCause(), depth++) {
                if (t.getMessage() != null && !t.getMessage().equals(SecretMask.mask(t.getMessage()))) {
                    return true;
                }
            }
            return false;
        }

        private static Throwable copy(Throwable thrown, int depth) {
            Throwable cause = thrown.getCause() == null || thrown.getCause() == thrown || depth > 20 ? null : copy(thrown.getCause(), depth + 1);
            return new MaskedThrowable(thrown.getClass().getName(), SecretMask.mask(thrown.getMessage()), cause, thrown.getStackTrace());
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? type : type + ": " + message;
        }
    }
}
