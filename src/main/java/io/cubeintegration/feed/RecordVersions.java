package io.cubeintegration.feed;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.enrich.CustomerEnricher;

/**
 * A record's version, its content as Cube sent it (without our enrichment), hashed: what tells a record delivered
 * before from a changed one, and, in order over a page, the fingerprint that tells a tail read the records it knew on
 * a page are still there, unchanged and in their places.
 */
final class RecordVersions {

    /** Serializes records as Cube's parser read them: no setting of writing changes their bytes. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HexFormat HEX = HexFormat.of();

    private final boolean enriched;

    /** @param enriched whether the feed adds a customer to its records, which is no part of their version */
    RecordVersions(boolean enriched) {
        this.enriched = enriched;
    }

    /** The first 128 bits (hex) of the SHA-256 of the record as Cube sent it. */
    String contentHash(ObjectNode record) {
        return hash(content(record));
    }

    /** The fingerprint of the records, in order. */
    String fingerprint(List<ObjectNode> records) {
        return extended("", records);
    }

    /** A fingerprint carried on over more records: the fingerprint of the records it was made of, then these. */
    String extended(String fingerprint, List<ObjectNode> records) {
        String chained = fingerprint;
        for (ObjectNode record : records) {
            chained = digest((chained + contentHash(record)).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }
        return chained;
    }

    /** The first 128 bits (hex) of the SHA-256 of the JSON. */
    static String hash(JsonNode json) {
        try {
            return digest(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot compute a record's hash", e);
        }
    }

    private static String digest(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256", e);
        }
    }

    /** The record as Cube sent it, without our enrichment. */
    private ObjectNode content(ObjectNode record) {
        if (enriched && record.has(CustomerEnricher.CUSTOMER_FIELD)) {
            // a shallow copy without the customer: the record's own fields, shared, not copied
            ObjectNode content = JSON.createObjectNode();
            record.fields().forEachRemaining(field -> {
                if (!field.getKey().equals(CustomerEnricher.CUSTOMER_FIELD)) {
                    content.set(field.getKey(), field.getValue());
                }
            });
            return content;
        }
        return record;
    }
}
