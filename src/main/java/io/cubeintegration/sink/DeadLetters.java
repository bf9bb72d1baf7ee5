package io.cubeintegration.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.LogSafe;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a record that could not be processed or published for its feed's dead letters: the record as Cube sent it,
 * the error that stopped it, and its place in the run's count. The run goes on without it.
 */
public final class DeadLetters {

    /** The error that sent the record to the dead letters. */
    public static final String ERROR_HEADER = "cube.error";
    /** The Java type of that error. */
    public static final String ERROR_TYPE_HEADER = "cube.error-type";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

    private final ObjectMapper mapper;

    public DeadLetters(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** For a Kafka dead-letter topic: the value is the record's JSON, the error travels in headers. */
    public void forKafka(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        Exception cause = note(exchange);
        message.setHeader(ERROR_HEADER, LogSafe.failure(cause));
        message.setHeader(ERROR_TYPE_HEADER, cause.getClass().getName());
        message.setBody(mapper.writeValueAsBytes(record(message)));
    }

    /** For a file feed: one JSON line holding the error, the record id when known, and the record. */
    public void forFile(Exchange exchange) throws JsonProcessingException {
        Message message = exchange.getMessage();
        Exception cause = note(exchange);
        ObjectNode line = mapper.createObjectNode();
        line.put("error", LogSafe.failure(cause));
        line.put("error_type", cause.getClass().getName());
        line.put("feed", exchange.getProperty(RunOutput.PROPERTY, RunOutput.class).getFeedId());
        line.put("record_id", message.getHeader(OutgoingRecord.RECORD_ID_HEADER, String.class));
        line.set("record", record(message));
        message.setBody(mapper.writeValueAsBytes(line));
    }

    private Exception note(Exchange exchange) {
        RunOutput run = exchange.getProperty(RunOutput.PROPERTY, RunOutput.class);
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        run.deadLettered();
        exchange.setProperty(OutgoingRecord.LEFT_OUT_PROPERTY, "dead letter");
        LOG.warn("feed {}: a record goes to {}: {}", run.getFeedId(), run.deadLetterDescription(),
                LogSafe.failure(cause));
        return cause;
    }

    /** The record as it stood when it failed: still a JSON tree, or already marshalled bytes. */
    private JsonNode record(Message message) {
        Object body = message.getBody();
        if (body instanceof JsonNode node) {
            return node;
        }
        try {
            return mapper.readTree(message.getBody(byte[].class));
        } catch (java.io.IOException e) {
            return mapper.getNodeFactory().textNode(message.getBody(String.class));
        }
    }
}
