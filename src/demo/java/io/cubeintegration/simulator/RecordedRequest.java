package io.cubeintegration.simulator;

import java.time.Instant;
import java.util.Map;

/**
 * One request the simulator answered.
 *
 * @param path     relative to {@code /api/v1/} when under it, else the full path
 * @param rawQuery the query string as sent, or null
 * @param headers  lower-cased header names to their first value
 * @param status   the status served
 * @param received when the request arrived
 */
public record RecordedRequest(String method, String path, String rawQuery, Map<String, String> headers, int status,
                              Instant received) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }
}
