package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** A simulator that follows a clock holds today's activity up to that moment, as Cube does, and none of the future. */
class SimulatorClockTest {

    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter QUERY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 24);

    // At noon today's responses, call outcomes and SMS are those stamped before noon, a part of the day; yesterday is whole;
    // a later clock serves the same records and more, none changed; before opening today has none.
    @Test
    void todaysActivityAppearsAsTheClockPassesIt() {
        Instant noon = TODAY.atTime(12, 0).atZone(OSLO).toInstant();
        List<JsonNode> wholeDay = responses(null, TODAY);
        List<JsonNode> atNoon = responses(noon, TODAY);
        List<JsonNode> atSix = responses(TODAY.atTime(18, 0).atZone(OSLO).toInstant(), TODAY);

        assertFalse(atNoon.isEmpty());
        assertTrue(atNoon.size() < atSix.size() && atSix.size() < wholeDay.size(), atNoon.size() + " " + atSix.size());
        atNoon.forEach(record -> assertFalse(Instant.parse(record.get("submitted_when").asText()).isAfter(noon), record.toString()));
        assertEquals(wholeDay.subList(0, atNoon.size()), atNoon, "the morning's records, as the whole day holds them");
        assertEquals(responses(null, TODAY.minusDays(1)), responses(noon, TODAY.minusDays(1)), "yesterday is whole");
        assertEquals(List.of(), responses(TODAY.atTime(7, 59).atZone(OSLO).toInstant(), TODAY), "before opening");
        assertEquals(List.of(), responses(noon, TODAY.plusDays(1)), "tomorrow has nothing yet");

        for (String endpoint : List.of("call_outcomes:response_submitted_when", "sms:sms_sent_when")) {
            String[] parts = endpoint.split(":");
            List<JsonNode> held = walk(noon, "campaigns/926/" + parts[0] + "/?from_date=" + TODAY.format(QUERY) + "&to_date=" + TODAY.format(QUERY));
            assertFalse(held.isEmpty(), parts[0]);
            held.forEach(record -> assertFalse(LocalDateTime.parse(record.get(parts[1]).asText(), LOCAL_MINUTES)
                    .isAfter(LocalDateTime.ofInstant(noon, OSLO)), record.toString()));
            assertTrue(held.size() < walk(null, "campaigns/926/" + parts[0] + "/?from_date=" + TODAY.format(QUERY)
                    + "&to_date=" + TODAY.format(QUERY)).size(), parts[0] + ": only a part of the day");
        }
    }

    private static List<JsonNode> responses(Instant now, LocalDate day) {
        return walk(now, "campaigns/926/responses/?from_date=" + day.format(QUERY) + "&to_date=" + day.format(QUERY));
    }

    /** Every record of a listing, from a simulator whose clock stands at {@code now} (null: none, the whole day). */
    private static List<JsonNode> walk(Instant now, String path) {
        SimulatorSettings.Builder settings = SimulatorSettings.builder();
        settings = now == null ? settings.today(TODAY) : settings.clock(Clock.fixed(now, OSLO));
        try (CubeSimulator simulator = CubeSimulator.start(settings.build())) {
            return new CubeTestClient(simulator).walk(path);
        }
    }
}
