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

    /** When the run began: its pages stop after {@code cube.run-timeout} from here. */
    default Instant startedAt() {
        return Instant.now();
    }
}
