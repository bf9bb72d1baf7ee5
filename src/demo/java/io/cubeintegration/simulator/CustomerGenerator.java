package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.SplittableRandom;

/** Generates customers and their callflow status from (seed, assignment or campaign, customer number) alone. */
final class CustomerGenerator {

    static final List<String> CALL_STATES = List.of("Ready", "Completed - Yes", "Completed - No", "Callback");

    private static final long CUSTOMER_STREAM = 1;
    private static final long CALLFLOW_STREAM = 2;
    private static final LocalDate EARLIEST_BIRTH = LocalDate.of(1935, 1, 1);
    private static final LocalDate EARLIEST_UPDATE = LocalDate.of(2016, 1, 1);
    private static final List<String[]> LAST_CHANGES = List.of(
            new String[] {"Segmentation", "Segmentation"}, new String[] {"Call", "Ringt"},
            new String[] {"Import", "Ny import"}, new String[] {"Manual", "Flyttet av leder"});

    /** Cube's local timestamps, e.g. {@code 2016-11-07 10:38}. */
    static final DateTimeFormatter LOCAL_MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final long seed;
    private final String clientShortName;

    private final AtomicInteger revision = new AtomicInteger();

    CustomerGenerator(long seed, String clientShortName) {
        this.seed = seed;
        this.clientShortName = clientShortName;
    }

    CustomerProfile profile(Assignment assignment, int number) {
        SplittableRandom random = DeterministicRandom.of(seed, CUSTOMER_STREAM, assignment.id(), number);
        String firstName = NorwegianVocabulary.pick(NorwegianVocabulary.FIRST_NAMES, random);
        String person = firstName + " " + NorwegianVocabulary.pick(NorwegianVocabulary.LAST_NAMES, random);
        String name = person;
        String industry = null;
        if (assignment.business()) {
            String[] kind = NorwegianVocabulary.pick(NorwegianVocabulary.COMPANY_KINDS, random);
            name = NorwegianVocabulary.pick(NorwegianVocabulary.COMPANY_OWNERS, random) + " " + kind[0];
            industry = kind[1];
        }
        String phone1 = NorwegianVocabulary.phoneNumber(random);
        String phone2 = random.nextInt(3) == 0 ? NorwegianVocabulary.phoneNumber(random) : "";
        String phone3 = random.nextInt(5) == 0 ? NorwegianVocabulary.phoneNumber(random) : "";
        String email = random.nextInt(6) == 0 ? ""
                : NorwegianVocabulary.asEmailLocalPart(assignment.business() ? name : person) + random.nextInt(100)
                        + "@" + NorwegianVocabulary.pick(NorwegianVocabulary.EMAIL_DOMAINS, random);
        String street = NorwegianVocabulary.pick(NorwegianVocabulary.STREETS, random);
        int houseNumber = 1 + random.nextInt(250);
        String[] place = NorwegianVocabulary.pick(NorwegianVocabulary.PLACES, random);
        LocalDate birthDate = EARLIEST_BIRTH.plusDays(random.nextInt(365 * 70));
        LocalDate lastUpdated = EARLIEST_UPDATE.plusDays(random.nextInt(3000));
        return new CustomerProfile(assignment, number, assignment.internalIdBase() + number, assignment.externalId(number),
                name, firstName, person, industry, phone1, phone2, phone3, email, street, houseNumber, place[0], place[1],
                birthDate, lastUpdated, random.nextLong());
    }

    /** A record of {@code assignments/{a}/customers/}: seed 004 with the internal id first. */
    ObjectNode customer(CustomerProfile customer) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("id", customer.internalId());
        putStandardInfo(record, customer);
        putCustomInfo(record, customer);
        return record;
    }

    /** The state a customer has in a campaign; the first draw of its callflow stream, so filters need not build records. */
    String callState(Campaign campaign, int number) {
        return CALL_STATES.get(DeterministicRandom.of(seed, CALLFLOW_STREAM, campaign.id(), number).nextInt(CALL_STATES.size()));
    }

    /** A record of the callflow endpoints, as seed 002. */
    ObjectNode callflowCustomer(Campaign campaign, CustomerProfile customer) {
        SplittableRandom random = DeterministicRandom.of(seed, CALLFLOW_STREAM, campaign.id(), customer.number());
        String callState = CALL_STATES.get(random.nextInt(CALL_STATES.size()));
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        putStandardInfo(record, customer);
        record.put("crm__change_log__updated", customer.lastUpdated().toString());
        record.put("crm__change_log__updated_by", random.nextBoolean() ? "admin" : "import");
        record.put("crm__change_log__update_method", random.nextBoolean() ? "import new" : "import update");
        putCustomInfo(record, customer);
        if (callState.equals("Ready")) {
            record.put("callflow__attempts_status__attempts", "");
        } else {
            record.put("callflow__attempts_status__attempts", 1 + random.nextInt(6));
        }
        record.put("callflow__callstate__name", callState);
        String[] lastChange = NorwegianVocabulary.pick(LAST_CHANGES, random);
        record.put("callflow__last_change__user", lastChange[0].equals("Call")
                ? NorwegianVocabulary.pick(NorwegianVocabulary.AGENTS, random) : "manual");
        LocalDate changed = campaign.startDate().plusDays(random.nextInt(300));
        record.put("callflow__last_change__when", LOCAL_MINUTES.format(changed.atTime(8 + random.nextInt(12), random.nextInt(60))));
        record.put("callflow__last_change__cause", lastChange[0]);
        record.put("callflow__last_change__alternative", lastChange[1]);
        record.put("callflow__last_change__comment", random.nextInt(5) == 0 ? NorwegianVocabulary.pick(NorwegianVocabulary.COMMENTS, random) : "");
        record.put("campaign__name", campaign.name());
        record.put("assignment__name", campaign.assignment().name());
        record.put("client__short_name", clientShortName);
        boolean meeting = callState.equals("Completed - Yes") && random.nextBoolean();
        record.put("meeting__agent", meeting ? NorwegianVocabulary.pick(NorwegianVocabulary.AGENTS, random) : "");
        LocalDateTime meetingStart = changed.plusDays(1 + random.nextInt(14)).atTime(9 + random.nextInt(7), 0);
        record.put("meeting__time__from_date_time", meeting ? LOCAL_MINUTES.format(meetingStart) : "");
        record.put("meeting__time__to_date_time", meeting ? LOCAL_MINUTES.format(meetingStart.plusMinutes(30)) : "");
        for (String product : campaign.assignment().products()) {
            record.put("product__" + product, callState.equals("Completed - Yes") && random.nextBoolean() ? "1" : "");
        }
        return record;
    }

    /** The customer's custom field values, in the assignment's field order. */
    List<JsonNode> customValues(CustomerProfile customer) {
        SplittableRandom random = new SplittableRandom(customer.detailSeed());
        List<JsonNode> values = new ArrayList<>();
        for (CustomField field : customer.assignment().customFields()) {
            values.add(field.value(customer, random));
        }
        return values;
    }

    private void putCustomInfo(ObjectNode record, CustomerProfile customer) {
        List<CustomField> fields = customer.assignment().customFields();
        List<JsonNode> values = customValues(customer);
        for (int i = 0; i < fields.size(); i++) {
            record.set(fields.get(i).recordKey(), values.get(i));
        }
    }

    /** Moves the account on: every tenth customer gets a new third phone number, as agents update cards over time. */
    void revise() {
        revision.incrementAndGet();
    }

    /** The customers a revision changes. */
    static boolean revisedByEdits(CustomerProfile customer) {
        return customer.number() % 10 == 0;
    }

    private void putStandardInfo(ObjectNode record, CustomerProfile customer) {
        int edits = revision.get();
        record.put("crm__customer_id", customer.externalId());
        record.put("crm__standard_info__name", customer.name());
        record.put("crm__standard_info__phone_1", customer.phone1());
        record.put("crm__standard_info__phone_2", customer.phone2());
        record.put("crm__standard_info__phone_3", edits > 0 && revisedByEdits(customer)
                ? String.format("4%03d%04d", edits % 1000, customer.number() % 10000) : customer.phone3());
        record.put("crm__standard_info__email", customer.email());
    }
}
