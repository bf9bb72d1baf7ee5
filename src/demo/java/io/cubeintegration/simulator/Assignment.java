package io.cubeintegration.simulator;

import java.util.List;

/**
 * An assignment of the simulated account: it owns the customers and their custom fields.
 *
 * @param business       whether the customers are companies (with a contact person) rather than consumers
 * @param internalIdBase internal customer ids are this plus the customer's number
 * @param externalIdBase external ids are this plus {@code externalIdStep} times the customer's number
 * @param products       the {@code product__*} keys its callflow records carry
 * @param segments       the segment names of the later API's call outcomes
 */
record Assignment(
        int id,
        String name,
        String description,
        boolean business,
        int internalIdBase,
        long externalIdBase,
        int externalIdStep,
        List<CustomField> customFields,
        List<String> products,
        List<String> segments) {

    String externalId(int number) {
        return Long.toString(externalIdBase + (long) externalIdStep * number);
    }
}
