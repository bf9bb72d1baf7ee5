package io.cubeintegration.feed;

import java.time.Instant;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A record's own moment, in each form Cube writes one, for its lag. */
class RecordMomentsTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static long of(String text) {
        return RecordMoments.of(JsonNodeFactory.instance.textNode(text), OSLO);
    }

    // An instant (responses), a local time of the feed's zone (call outcomes, SMS), a time with an offset (later API).
    @Test
    void everyFormCubeWrites() {
        assertEquals(Instant.parse("2017-01-01T13:55:20.257789Z").toEpochMilli(), of("2017-01-01T13:55:20.257789Z"));
        assertEquals(Instant.parse("2017-01-01T11:24:00Z").toEpochMilli(), of("2017-01-01 12:24"));
        assertEquals(Instant.parse("2020-02-12T09:27:06.477Z").toEpochMilli(), of("2020-02-12T10:27:06.477+0100"));
        assertEquals(Instant.parse("2020-02-12T09:27:06Z").toEpochMilli(), of("2020-02-12T10:27:06+01:00"));
    }

    // What is not a time counts for no lag, rather than failing the record.
    @Test
    void whatIsNoTimeIsUnknown() {
        assertEquals(RecordMoments.UNKNOWN, of(""));
        assertEquals(RecordMoments.UNKNOWN, of("yesterday"));
        assertEquals(RecordMoments.UNKNOWN, RecordMoments.of(JsonNodeFactory.instance.numberNode(12), OSLO));
        assertEquals(RecordMoments.UNKNOWN, RecordMoments.of(null, OSLO));
    }
}
