package io.cubeintegration.feed;


import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cubeintegration.cube.CubePage;
import io.cubeintegration.enrich.RunEnrichment;
import io.cubeintegration.sink.OutgoingRecord;
import io.cubeintegration.state.RunDeliveries;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;
import org.apache.camel.component.kafka.KafkaConstants;

/**
 * What travels with each record besides its JSON: the headers Kafka consumers read (feed, endpoint, fetch time, a
 * deterministic record id) and the record's key. A record that cannot be addressed is rejected to the dead letters.
 */
public final class RecordEnvelope {

    /** Exchange property holding the page whose records are being split. */
    public static final String PAGE_PROPERTY = "CubePage";

    private final ObjectMapper mapper;

    public RecordEnvelope(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Before anything is asked about a page's records: each gets its id and version, and the versions delivered before
     * (same id, same content) leave the page, counted as duplicates, so enrichment and the sink see only what is new.
     * A record that cannot be identified stays, marked for the dead letters.
     */
    public void leaveOutDelivered(@Body CubePage page, @ExchangeProperty(FeedRun.PROPERTY) FeedRun run,
                                  @ExchangeProperty(RunDeliveries.PROPERTY) RunDeliveries deliveries) {
        FeedSpec feed = run.getFeed();
        RecordVersions versions = run.versions();
        page.records().removeIf(record -> {
            String contentHash = versions.contentHash(record);
            String recordId;
            try {
                recordId = feed.idFieldNames().isEmpty() ? contentHash : RecordVersions.hash(identity(record, feed));
            } catch (RecordRejectedException e) {
                run.identified(record, new Identity(null, contentHash, e.getMessage()));
                return false;
            }
            if (!deliveries.firstDelivery(recordId, contentHash)) {
                return true;
            }
            run.identified(record, new Identity(recordId, contentHash, null));
            return false;
        });
    }

    /** A record's id and version, or why it has no id. */
    record Identity(String recordId, String contentHash, String rejection) {
    }

    /** Addresses a new record for the sink: headers, key; one that cannot be addressed goes to the dead letters. */
    public void address(@Body ObjectNode record, @ExchangeProperty(FeedRun.PROPERTY) FeedRun run,
                        @ExchangeProperty(RunEnrichment.PROPERTY) RunEnrichment enrichment,
                        @ExchangeProperty(PAGE_PROPERTY) CubePage page, Exchange exchange) {
        Message message = exchange.getMessage();
        FeedSpec feed = run.getFeed();
        Identity identity = run.identity(record);
        message.setHeader(OutgoingRecord.FEED_HEADER, feed.getId());
        message.setHeader(OutgoingRecord.ENDPOINT_HEADER, run.path());
        if (run.partition() != null) {
            message.setHeader(run.partition().kind().header(), run.partition().key());
        }
        message.setHeader(OutgoingRecord.FETCHED_AT_HEADER, page.fetchedAt().toString());
        // the enrichment's mark goes with the record whether or not the record goes out
        String rejection = enrichment == null ? null : enrichment.takeRejection(record);
        if (identity.rejection() != null) {
            throw new RecordRejectedException(identity.rejection());
        }
        message.setHeader(OutgoingRecord.RECORD_ID_HEADER, identity.recordId());
        if (rejection != null) {
            throw new RecordRejectedException(rejection);
        }
        if (!feed.getKeyField().isEmpty()) {
            message.setHeader(KafkaConstants.KEY, key(record, feed.getKeyField()));
        }
        run.goingOut(record);
    }

    /** The values of the feed's id fields, in order. */
    private ArrayNode identity(ObjectNode record, FeedSpec feed) {
        ArrayNode values = mapper.createArrayNode();
        for (String field : feed.idFieldNames()) {
            JsonNode value = record.get(field);
            if (value == null || value.isNull()) {
                throw new RecordRejectedException("record has no " + field + " for its id (idFields " + feed.getIdFields() + ")");
            }
            values.add(value);
        }
        return values;
    }

    private static String key(ObjectNode record, String field) {
        JsonNode value = record.get(field);
        String text = value == null || value.isNull() ? "" : value.asText();
        if (text.isEmpty()) {
            throw new RecordRejectedException("record has no " + field + " to key it by");
        }
        return text;
    }
}
