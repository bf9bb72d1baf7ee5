package io.cubeintegration.cube;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One page of records as Cube returned it, in Cube's order; {@code count} is Cube's total, or -1 for plain arrays;
 * {@code fetchedAt} is when its answer arrived.
 * <p>
 * A page equals only itself: Camel's bean cache hashes the body of every simple-language call on it, and a hash of
 * the page's contents would walk every record (and its customer) each time.
 */
public record CubePage(int number, URI url, long count, Instant fetchedAt, List<ObjectNode> records) {

    public int size() {
        return records.size();
    }

    @Override
    public boolean equals(Object other) {
        return this == other;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
