package io.cubeintegration.cube;

import java.time.Instant;
import java.util.Map;

/** What the pager needs to know about the run it pages for, and whom it tells about each page. */
public interface PagedRequest {

    /** Names the feed in errors and logs. */
    String feedId();

    /** Endpoint path below the base URL, e.g. {@code campaigns/926/responses/}. */
    String path();

    /** Query parameters of the first page, in order. */
    Map<String, String> query();

    /** Called once per page, after it was fetched and parsed, before its records move on. */
    void pageFetched(CubePage page);

    /**
     * Where to start when only what came after an earlier read is wanted, or null to read the list from page 1. The
     * first page the pager yields then holds only the records after the known ones (it may hold none).
     */
    default PageTail tail() {
        return null;
    }

    /**
     * The tail read found the list moved since it was read (the reason a word, the detail for people): the pager reads
     * it from page 1 instead, and nothing of the tail's page was yielded.
     */
    default void tailRefused(String reason, String detail) {
    }

    /** Counts every request sent for it, a retry included. */
    default void requestSent() {
    }

    /** When the run began: its pages stop after {@code cube.run-timeout} from here. */
    default Instant startedAt() {
        return Instant.now();
    }
}
