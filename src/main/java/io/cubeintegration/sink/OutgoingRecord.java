package io.cubeintegration.sink;

/**
 * What a sink takes of each record besides its JSON: the headers every record carries (Kafka consumers read them;
 * the read-back after a crash matches on the record id), and the exchange property that keeps a record out of the
 * page's batch.
 */
public final class OutgoingRecord {

    /** The feed id. */
    public static final String FEED_HEADER = "cube.feed";
    /** The endpoint path the record came from, below the base URL. */
    public static final String ENDPOINT_HEADER = "cube.endpoint";
    /** When the page holding the record was fetched, ISO-8601 UTC. */
    public static final String FETCHED_AT_HEADER = "cube.fetched-at";
    /** The record's deterministic id: the same Cube record always gets the same id. */
    public static final String RECORD_ID_HEADER = "cube.record-id";
    /** The campaign a record of a feed partitioned by campaign comes from. */
    public static final String CAMPAIGN_HEADER = "cube.campaign-id";
    /** The assignment a record of a feed partitioned by assignment comes from. */
    public static final String ASSIGNMENT_HEADER = "cube.assignment-id";
    /** Exchange property set on a record that stays out of the sink's batch (a duplicate, a dead letter), saying why. */
    public static final String LEFT_OUT_PROPERTY = "CubeLeftOut";

    private OutgoingRecord() {
    }
}
