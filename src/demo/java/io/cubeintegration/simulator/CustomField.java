package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A custom field an assignment defines for its customers, served as {@code crm__custom_info__<id>}.
 * Its {@link Content} decides what values look like: Cube mixes strings, numbers, number-strings such as
 * {@code "233.0"}, empty strings and nulls.
 */
record CustomField(int id, String key, String type, int maxLength, String hint, Content content) {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    String recordKey() {
        return "crm__custom_info__" + id;
    }

    /** The key call outcome records use, e.g. {@code crm__extra__Opprinnelig_lånebeløp_1324}. */
    String extraKey() {
        return "crm__extra__" + key.replace(' ', '_') + "_" + id;
    }

    JsonNode value(CustomerProfile customer, SplittableRandom random) {
        return switch (content) {
            case ACTIVE_PRODUCTS -> JSON.textNode(random.nextInt(3) == 0 ? "" : NorwegianVocabulary.pick(List.of(
                    "Strøm", "Strøm, Forsikring", "Fiber", "Fiber, Strøm", "Mobil"), random));
            case AGE_TEXT -> JSON.textNode("Alder: " + (2024 - customer.birthDate().getYear()) + " år");
            case CATEGORY_CODE -> JSON.textNode(NorwegianVocabulary.pick(List.of("BT", "PR", "GL"), random));
            case SCORE -> JSON.textNode(random.nextInt(10) + ".0");
            case STOP_DATE -> JSON.textNode(random.nextInt(3) == 0
                    ? customer.lastUpdated().minusDays(random.nextInt(900)).toString() : "");
            case FULL_NAME_UPPER -> JSON.textNode(customer.name().toUpperCase(Locale.ROOT));
            case BIRTH_DATE -> JSON.textNode(customer.birthDate().toString());
            case YEARS_AS_CUSTOMER -> JSON.numberNode(random.nextInt(40));
            case STREET_UPPER -> JSON.textNode(customer.street().toUpperCase(Locale.ROOT));
            case HOUSE_NUMBER -> JSON.numberNode(customer.houseNumber());
            case ZIP_CODE -> JSON.textNode(customer.zipCode());
            case CITY_UPPER -> JSON.textNode(customer.city().toUpperCase(Locale.ROOT));
            case FULL_ADDRESS -> JSON.textNode(customer.street() + " " + customer.houseNumber() + ", "
                    + customer.zipCode() + " " + customer.city().toUpperCase(Locale.ROOT));
            case STREET_ADDRESS -> JSON.textNode(customer.street() + " " + customer.houseNumber());
            case NOTE -> random.nextBoolean() ? JSON.nullNode() : JSON.textNode("");
            case EMPTY -> JSON.textNode("");
            case LOAN_AMOUNT -> JSON.textNode(Integer.toString(20_000 + random.nextInt(480_000)));
            case REMAINING_TERM -> JSON.textNode(random.nextInt(15) + "," + String.format("%02d", random.nextInt(100)) + " år");
            case PAYOUT_DATE -> JSON.textNode(customer.lastUpdated().minusDays(random.nextInt(2000)).toString());
            case CUSTOMER_CLASS -> JSON.textNode(NorwegianVocabulary.pick(List.of("A", "B", "C"), random));
            case EMPLOYEES -> JSON.numberNode(1 + random.nextInt(400));
            case CONTACT_PHONE -> JSON.textNode(NorwegianVocabulary.phoneNumber(random));
            case CONTACT_PERSON -> JSON.textNode(customer.contactPerson());
            case FOUNDED -> JSON.textNode(customer.birthDate().toString());
            case INDUSTRY -> JSON.textNode(customer.industry());
            case SEGMENT_CODE -> JSON.textNode(NorwegianVocabulary.pick(List.of("BNL", "SMB", "KAM"), random));
            case ORGANISATION_NUMBER -> JSON.textNode((800_000_000 + random.nextInt(199_999_999)) + ".0");
            case REVENUE -> JSON.textNode(random.nextInt(5000) + ".0");
            case CLASSIFICATION -> JSON.textNode("Klassifisering " + NorwegianVocabulary.pick(List.of("A", "B", "Æ"), random));
        };
    }

    /** What a custom field holds. */
    enum Content {
        ACTIVE_PRODUCTS, AGE_TEXT, CATEGORY_CODE, SCORE, STOP_DATE, FULL_NAME_UPPER, BIRTH_DATE, YEARS_AS_CUSTOMER,
        STREET_UPPER, HOUSE_NUMBER, ZIP_CODE, CITY_UPPER, FULL_ADDRESS, STREET_ADDRESS, NOTE, EMPTY,
        LOAN_AMOUNT, REMAINING_TERM, PAYOUT_DATE,
        CUSTOMER_CLASS, EMPLOYEES, CONTACT_PHONE, CONTACT_PERSON, FOUNDED, INDUSTRY, SEGMENT_CODE,
        ORGANISATION_NUMBER, REVENUE, CLASSIFICATION
    }
}
