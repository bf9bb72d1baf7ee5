package io.cubeintegration.sink;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of the Kafka sink, as the last Kafka run found the broker when it asked for its topics: UP until a Kafka
 * feed has run (a deployment without Kafka feeds needs no broker), then UP or DOWN with the broker's answer.
 * Camel's own producer check is off: it would report the shared producer before any Kafka feed used it.
 */
public final class KafkaSinkHealthCheck extends AbstractHealthCheck {

    private volatile String problem;
    private volatile boolean used;

    public KafkaSinkHealthCheck() {
        super("cube", "kafka-sink");
    }

    void reachable() {
        used = true;
        problem = null;
    }

    void unreachable(String why) {
        used = true;
        problem = why;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        String why = problem;
        if (why != null) {
            builder.down().message(why);
        } else {
            builder.up().message(used ? "the broker took the last Kafka run's topics" : "no Kafka feed has run yet");
        }
    }
}
