package io.cubeintegration.cube;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of records as Cube returned it, in Cube's order; {@code count} is Cube's total, or -1 for plain arrays;
 * {@code fetchedAt} is when its answer arrived.
 */
public record CubePage(int number, URI url, long count, Instant fetchedAt, List<ObjectNode> records) {

    public int size() {
        return records.size();
    }
}
