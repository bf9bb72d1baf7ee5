package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.JsonNode;

/** What an endpoint answers before paging: a whole document, or records the server pages through. */
sealed interface Answer permits Answer.Document, Answer.Listing {

    /** A body served as it is: the campaigns array, the custom fields array or one customer. */
    record Document(JsonNode body) implements Answer {
    }

    /** Records served in DRF pages; {@code pageKind} names the page size setting that applies. */
    record Listing(String pageKind, IndexedRecords records) implements Answer {
    }
}
