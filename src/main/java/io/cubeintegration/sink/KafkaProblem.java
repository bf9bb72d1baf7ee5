package io.cubeintegration.sink;

import java.security.GeneralSecurityException;

import javax.security.auth.login.LoginException;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import io.cubeintegration.cube.LogSafe;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * What went wrong between the sink and Kafka, in words that point at the cause and the setting to look at: the
 * messages of the whole cause chain (a client that cannot be built says why only in its causes), then what kind of
 * problem it is. A guess ("is the broker up?") is given only for what is one: no answer in time.
 */
final class KafkaProblem {

    private KafkaProblem() {
    }

    static String describe(Throwable failure) {
        Set<String> messages = new LinkedHashSet<>();
        String kind = null;
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 12; cause = cause.getCause() == cause ? null : cause.getCause(), depth++) {
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                messages.add(cause.getMessage().strip());
            }
            if (kind == null) {
                kind = kind(cause);
            }
        }
        String what = messages.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", messages);
        return LogSafe.line(what + (kind == null ? "" : " (" + kind + ")"));
    }

    private static String kind(Throwable cause) {
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof SslAuthenticationException) {
            return "the TLS handshake with the brokers failed: check KAFKA_SSL_TRUSTSTORE_LOCATION and the brokers' certificates";
        }
        if (cause instanceof AuthenticationException) {
            return "the brokers refused the login: check KAFKA_SECURITY_PROTOCOL, KAFKA_SASL_MECHANISM and KAFKA_SASL_JAAS_CONFIG";
        }
        if (message.contains("password was incorrect") || message.contains("keystore") || message.contains("truststore")
                || cause instanceof GeneralSecurityException) {
            return "the truststore cannot be opened: check KAFKA_SSL_TRUSTSTORE_LOCATION and KAFKA_SSL_TRUSTSTORE_PASSWORD";
        }
        if (message.contains("jaas") || cause instanceof LoginException) {
            return "the SASL login cannot be set up: check KAFKA_SASL_JAAS_CONFIG, e.g. "
                    + "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"…\" password=\"…\";";
        }
        if (cause instanceof TopicAuthorizationException) {
            return "the brokers do not let this client write the topic: its ACLs";
        }
        if (cause instanceof TimeoutException) {
            return "no answer from the brokers within camel.component.kafka.max-block-ms: are they up and reachable at KAFKA_BROKERS?";
        }
        return null;
    }
}
