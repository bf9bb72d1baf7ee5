package io.cubeintegration.feed;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** An inclusive range of days, as Cube's {@code from_date}/{@code to_date} query parameters take it. */
public record FeedWindow(LocalDate from, LocalDate to) {

    /** Cube's query date format. */
    public static final DateTimeFormatter CUBE_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    public FeedWindow {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("window ends (" + to.format(CUBE_DATE) + ") before it starts ("
                    + from.format(CUBE_DATE) + ")");
        }
    }

    /** Parses a YYYYMMDD date, naming the option it came from when it is not one. */
    public static LocalDate parseDate(String value, String option) {
        try {
            return LocalDate.parse(value.trim(), CUBE_DATE);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a date as YYYYMMDD, not '" + value + "'");
        }
    }

    public String fromParameter() {
        return from.format(CUBE_DATE);
    }

    public String toParameter() {
        return to.format(CUBE_DATE);
    }

    @Override
    public String toString() {
        return fromParameter() + ".." + toParameter();
    }
}
