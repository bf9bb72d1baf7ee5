package io.cubeintegration.feed;

import java.time.LocalDate;
import java.util.Locale;

import io.cubeintegration.sink.OutgoingRecord;

/**
 * One campaign (or assignment) of a partitioned feed: the id that fills the feed's path, the assignment its records'
 * customers belong to, and whether this trigger is its last catch-up (Cube archived it, or it left the feed's set).
 * Each partition keeps its own state and output folder, so one failing campaign neither holds back nor re-delivers
 * the others.
 *
 * @param assignmentId the assignment of a campaign, from the campaigns list; null when the list does not name it
 * @param startDate    the campaign's start date, where a new partition's first window begins at the earliest; or null
 * @param lastDay      the last day a last catch-up fetches (the campaign's archived date), or null for today
 */
public record FeedPartition(Kind kind, long id, Integer assignmentId, LocalDate startDate, boolean lastCatchUp,
                            LocalDate lastDay) {

    /** What a feed is partitioned by: the placeholder in its path, the parameter naming the set, the record header. */
    public enum Kind {
        CAMPAIGN("campaigns", "{campaign_id}", OutgoingRecord.CAMPAIGN_HEADER),
        ASSIGNMENT("assignments", "{assignment_id}", OutgoingRecord.ASSIGNMENT_HEADER);

        private final String parameter;
        private final String placeholder;
        private final String header;

        Kind(String parameter, String placeholder, String header) {
            this.parameter = parameter;
            this.placeholder = placeholder;
            this.header = header;
        }

        /** The feed parameter that names the set: campaigns or assignments. */
        public String parameter() {
            return parameter;
        }

        /** The placeholder the id fills in the feed's path. */
        public String placeholder() {
            return placeholder;
        }

        /** The header every record of the partition carries, with its id. */
        public String header() {
            return header;
        }

        /** The word for one, for log lines: campaign or assignment. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The partition's id as its state, folder and header name it. */
    public String key() {
        return Long.toString(id);
    }

    /** The feed's path with the id filled in. */
    public String path(String template) {
        return template.replace(kind.placeholder(), key());
    }

    @Override
    public String toString() {
        return kind.word() + " " + id;
    }
}
