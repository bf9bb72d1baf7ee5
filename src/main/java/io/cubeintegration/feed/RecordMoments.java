package io.cubeintegration.feed;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A record's own moment, from its feed's {@code timestampField}, as Cube writes them: an instant
 * ({@code 2017-01-01T13:55:20.257789Z}, responses), a local time in the feed's zone ({@code 2017-01-01 12:24}, call
 * outcomes and SMS), or a time with an offset ({@code 2020-02-12T10:27:06.477+0100}, the later-generation API).
 * The time from it to the record's delivery is the record's lag.
 */
final class RecordMoments {

    /** A record whose moment cannot be read: it counts for no lag. */
    static final long UNKNOWN = Long.MIN_VALUE;

    private static final DateTimeFormatter CUBE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd().optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .toFormatter();

    private RecordMoments() {
    }

    /** The moment in epoch milliseconds, or {@link #UNKNOWN} when the value is missing or no time. */
    static long of(JsonNode value, ZoneId zone) {
        if (value == null || !value.isTextual()) {
            return UNKNOWN;
        }
        try {
            TemporalAccessor time = CUBE_TIME.parse(value.asText().trim().replace(' ', 'T'));
            LocalDateTime local = LocalDateTime.from(time);
            return (time.isSupported(ChronoField.OFFSET_SECONDS)
                    ? local.toInstant(java.time.ZoneOffset.ofTotalSeconds(time.get(ChronoField.OFFSET_SECONDS)))
                    : local.atZone(zone).toInstant()).toEpochMilli();
        } catch (java.time.DateTimeException e) {
            return UNKNOWN;
        }
    }
}
