package io.cubeintegration.enrich;

import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The bulk plan's index: every customer of the assignment, by the field records join on. */
final class CustomerIndex {

    private final String keyField;
    private final Map<String, ObjectNode> customers = new HashMap<>();

    CustomerIndex(String keyField) {
        this.keyField = keyField;
    }

    void add(ObjectNode customer) {
        JsonNode key = customer.get(keyField);
        if (key != null && !key.isNull()) {
            customers.put(key.asText(), customer);
        }
    }

    /** The customer with this key, or null when the assignment has none. */
    ObjectNode get(String key) {
        return customers.get(key);
    }

    int size() {
        return customers.size();
    }
}
