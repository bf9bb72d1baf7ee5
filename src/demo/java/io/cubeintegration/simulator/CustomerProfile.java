package io.cubeintegration.simulator;

import java.time.LocalDate;

/**
 * The facts about one generated customer that every endpoint projects from, so a customer looks the same
 * in the customer list, the callflow list, call outcomes and SMS.
 *
 * @param number        1-based position within its assignment
 * @param contactPerson the person to talk to at a business customer; for a consumer the customer's own name
 * @param industry      the business customer's industry, null for consumers
 * @param detailSeed    seeds the values of the assignment's custom fields
 */
record CustomerProfile(
        Assignment assignment,
        int number,
        int internalId,
        String externalId,
        String name,
        String firstName,
        String contactPerson,
        String industry,
        String phone1,
        String phone2,
        String phone3,
        String email,
        String street,
        int houseNumber,
        String zipCode,
        String city,
        LocalDate birthDate,
        LocalDate lastUpdated,
        long detailSeed) {
}
