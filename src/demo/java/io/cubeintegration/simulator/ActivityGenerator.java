package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates what happens in a campaign on a day: responses, call outcomes and SMS. The k-th event of a kind on a day is
 * computed from (seed, kind, campaign, day, k) alone, and its type is the stream's first draw, so type filters can
 * test an event without building it.
 */
final class ActivityGenerator {

    static final ZoneId OSLO = ZoneId.of("Europe/Oslo");

    private static final long RESPONSE_STREAM = 3;
    private static final long CALL_OUTCOME_STREAM = 4;
    private static final long SMS_STREAM = 5;
    private static final long LATE_RESPONSE_STREAM = 6;
    private static final long CORRECTION_STREAM = 7;
    private static final List<String> RESPONSE_IDENTITY = List.of("campaign_id", "crm_customer_id", "submitted_when", "type", "subtype");
    // events are spread over the opening hours (08:00-21:00 Oslo time unless the settings say otherwise), in index order
    private static final DateTimeFormatter UTC_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");
    private static final DateTimeFormatter OFFSET_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx");
    private static final List<Outcome> OUTCOMES = List.of(
            new Outcome("Sale", 25, List.of("Ja - Salg", "Betaler tilsendt faktura", "Ja - Oppgradering")),
            new Outcome("Offer", 15, List.of("Tilbud sendt på e-post", "Ønsker tilbud i posten")),
            new Outcome("No sale", 30, List.of("Nei - Ikke interessert", "Nei - Har allerede avtale", "Nei - For dyrt")),
            new Outcome("Callback", 15, List.of("Ring tilbake senere", "Ønsker å bli ringt på kveldstid")),
            new Outcome("Not reached", 15, List.of("Ikke svar", "Feil nummer", "Opptatt")));
    private static final int OUTCOME_WEIGHTS = OUTCOMES.stream().mapToInt(Outcome::weight).sum();
    private static final List<String> SMS_STATUSES = List.of("Delivered", "Delivered", "Delivered", "Sent", "Failed");

    private final SimulatorSettings settings;
    private final CustomerGenerator customers;
    private final String clientShortName;
    private final String clientFullName;

    ActivityGenerator(SimulatorSettings settings, CustomerGenerator customers, String clientShortName, String clientFullName) {
        this.settings = settings;
        this.customers = customers;
        this.clientShortName = clientShortName;
        this.clientFullName = clientFullName;
    }

    String responseType(Campaign campaign, LocalDate day, int index) {
        return outcome(stream(RESPONSE_STREAM, campaign, day, index)).type();
    }

    /** A record of {@code campaigns/{c}/responses/}, as seed 001. */
    ObjectNode response(Campaign campaign, LocalDate day, int index) {
        SplittableRandom random = stream(RESPONSE_STREAM, campaign, day, index);
        Outcome outcome = outcome(random);
        ZonedDateTime when = moment(day, index, settings.responsesPerDay(), random);
        long sequence = day.toEpochDay() * settings.responsesPerDay() + index;
        int every = settings.missingCustomerEvery();
        boolean missing = campaign.customerCount() == 0 || (every > 0 && Math.floorMod(sequence, every) == every - 1);
        return responseRecord(campaign, index, outcome, when, missing, random);
    }

    /**
     * A response filed late on the day, the {@code serial}-th attempt: like a generated one, but of a customer of the
     * campaign always, at any moment of the opening hours, and from a stream of its own so it is no generated record.
     * The campaign must have customers.
     */
    ObjectNode lateResponse(Campaign campaign, LocalDate day, long serial) {
        SplittableRandom random = DeterministicRandom.of(settings.seed(), LATE_RESPONSE_STREAM, campaign.id(), day.toEpochDay(), serial);
        Outcome outcome = outcome(random);
        ZonedDateTime when = moment(day, 0, 1, random);
        // with activeCustomers set, one of the day's active customers, as a generated record would name
        int index = random.nextInt(Math.max(1, settings.responsesPerDay()));
        return responseRecord(campaign, index, outcome, when, false, random);
    }

    /** The comment an agent writes when correcting a response, the {@code serial}-th change: a new text every time. */
    String correctedComment(Campaign campaign, LocalDate day, long serial) {
        SplittableRandom random = DeterministicRandom.of(settings.seed(), CORRECTION_STREAM, campaign.id(), day.toEpochDay(), serial);
        return "Rettet (" + serial + "): " + NorwegianVocabulary.pick(NorwegianVocabulary.COMMENTS, random);
    }

    /**
     * What identifies a response, which carries no id of its own: the integration derives its key from these fields,
     * so no two records of a day may share them and an edit must keep them.
     */
    static List<JsonNode> responseIdentity(ObjectNode response) {
        return RESPONSE_IDENTITY.stream().map(field -> response.path(field)).toList();
    }

    private ObjectNode responseRecord(Campaign campaign, int index, Outcome outcome, ZonedDateTime when, boolean missing,
                                      SplittableRandom random) {
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("submitted_by", NorwegianVocabulary.pick(NorwegianVocabulary.AGENTS, random));
        record.put("submitted_when", UTC_MICROS.format(when.withZoneSameInstant(ZoneOffset.UTC)));
        Assignment assignment = campaign.assignment();
        JsonNode externalId = JsonNodeFactory.instance.nullNode();
        if (missing) {
            // an id just past the assignment's customers: nobody has it, so looking it up answers 404
            record.put("crm_customer_id", assignment.internalIdBase() + settings.customersPerAssignment() + 1 + random.nextInt(1000));
            record.put("customer_name", NorwegianVocabulary.pick(NorwegianVocabulary.FIRST_NAMES, random) + " "
                    + NorwegianVocabulary.pick(NorwegianVocabulary.LAST_NAMES, random));
        } else {
            CustomerProfile customer = customers.profile(assignment, customerNumber(campaign, random, index));
            record.put("crm_customer_id", customer.internalId());
            record.put("customer_name", customer.name());
            externalId = number(Long.parseLong(customer.externalId()));
        }
        record.put("campaign_id", campaign.id());
        record.put("type", outcome.type());
        record.put("subtype", NorwegianVocabulary.pick(outcome.subtypes(), random));
        record.put("comment", comment(random));
        record.set("external_customer_id", externalId);
        return record;
    }

    String callOutcomeType(Campaign campaign, LocalDate day, int index) {
        return outcome(stream(CALL_OUTCOME_STREAM, campaign, day, index)).type();
    }

    /** The k-th call outcome of a campaign on a day; campaigns without customers have none. */
    CallOutcome callOutcome(Campaign campaign, LocalDate day, int index) {
        SplittableRandom random = stream(CALL_OUTCOME_STREAM, campaign, day, index);
        Outcome outcome = outcome(random);
        ZonedDateTime when = moment(day, index, settings.callOutcomesPerDay(), random);
        CustomerProfile customer = customers.profile(campaign.assignment(), customerNumber(campaign, random, index));
        return new CallOutcome(campaign, customer, outcome.type(), NorwegianVocabulary.pick(outcome.subtypes(), random),
                comment(random), NorwegianVocabulary.pick(NorwegianVocabulary.AGENTS, random), when, random.nextLong());
    }

    /** A record of {@code campaigns/{c}/call_outcomes/}, as seed 000. */
    ObjectNode callOutcomeRecord(CallOutcome outcome) {
        CustomerProfile customer = outcome.customer();
        Assignment assignment = customer.assignment();
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("crm__address_street", customer.street() + " " + customer.houseNumber());
        record.put("crm__customer_id", customer.externalId());
        record.put("crm__last_updated", customer.lastUpdated().toString());
        record.put("crm__zip_code", customer.zipCode());
        record.put("crm__name", customer.name());
        record.put("crm__city", customer.city());
        record.put("crm__email", customer.email());
        List<CustomField> fields = assignment.customFields();
        List<JsonNode> values = customers.customValues(customer);
        // Cube interleaves the extras with the phone numbers, as in seed 000
        putExtra(record, fields.get(0), values.get(0));
        record.put("crm__phone_3", customer.phone3());
        record.put("crm__phone_2", customer.phone2());
        record.put("crm__phone_1", customer.phone1());
        for (int i = 1; i < fields.size(); i++) {
            putExtra(record, fields.get(i), values.get(i));
        }
        record.put("client__short_name", clientShortName);
        record.put("client__full_name", clientFullName);
        record.put("assignment__name", assignment.name());
        record.put("campaign__name", outcome.campaign().name());
        record.put("campaign__type", outcome.campaign().type());
        record.put("response_comment", outcome.comment());
        record.put("response_subtype", outcome.subtype());
        record.put("response_submitted_when", CustomerGenerator.LOCAL_MINUTES.format(outcome.when()));
        record.put("response_type", outcome.type());
        record.put("response_submitted_by", outcome.agent());
        return record;
    }

    /** A record of the later API's {@code data_owners/{d}/crm/{crm_type}/call_outcomes/}. */
    ObjectNode dataOwnerCallOutcome(CallOutcome outcome) {
        CustomerProfile customer = outcome.customer();
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        putLaterCustomer(record, customer);
        record.put("crm__email", customer.email());
        record.put("crm__address_street", customer.street() + " " + customer.houseNumber());
        record.put("crm__zip_code", customer.zipCode());
        record.put("crm__city", customer.city());
        record.put("data_owner__name", customer.assignment().name());
        record.put("segment__name", segment(customer));
        record.put("campaign__id", outcome.campaign().id());
        record.put("campaign__name", outcome.campaign().name());
        record.put("call_outcome__type", outcome.type());
        record.put("call_outcome__subtype", outcome.subtype());
        record.put("call_outcome__comment", outcome.comment());
        record.put("call_outcome__submitted_by", outcome.agent());
        record.put("call_outcome__report_as__submitted_when_timestamp", OFFSET_MILLIS.format(outcome.when()));
        return record;
    }

    /** A record of {@code product_registrations/}: one product line per sale. */
    ObjectNode productRegistration(CallOutcome sale) {
        SplittableRandom random = new SplittableRandom(sale.detailSeed());
        CustomerProfile customer = sale.customer();
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        putLaterCustomer(record, customer);
        record.put("data_owner__name", customer.assignment().name());
        record.put("segment__name", segment(customer));
        record.put("campaign__id", sale.campaign().id());
        record.put("campaign__name", sale.campaign().name());
        record.put("product__name", NorwegianVocabulary.pick(customer.assignment().products(), random));
        record.put("product__quantity", 1 + random.nextInt(3));
        record.put("product__unit_price", (49 + random.nextInt(950)) + ".0");
        record.put("call_outcome__submitted_by", sale.agent());
        record.put("call_outcome__report_as__submitted_when_timestamp", OFFSET_MILLIS.format(sale.when()));
        return record;
    }

    /** A record of {@code campaigns/{c}/sms/}. */
    ObjectNode sms(Campaign campaign, LocalDate day, int index) {
        SplittableRandom random = stream(SMS_STREAM, campaign, day, index);
        ZonedDateTime when = moment(day, index, settings.smsPerDay(), random);
        CustomerProfile customer = customers.profile(campaign.assignment(), customerNumber(campaign, random, index));
        String greeted = customer.contactPerson().substring(0, customer.contactPerson().indexOf(' '));
        ObjectNode record = JsonNodeFactory.instance.objectNode();
        record.put("crm__customer_id", customer.externalId());
        record.put("crm__name", customer.name());
        record.put("crm__phone_1", customer.phone1());
        record.put("client__short_name", clientShortName);
        record.put("assignment__name", campaign.assignment().name());
        record.put("campaign__name", campaign.name());
        record.put("sms_sent_when", CustomerGenerator.LOCAL_MINUTES.format(when));
        record.put("sms_sent_by", NorwegianVocabulary.pick(NorwegianVocabulary.AGENTS, random));
        record.put("sms_from", clientShortName);
        record.put("sms_to", "+47" + customer.phone1());
        record.put("sms_text", String.format(NorwegianVocabulary.pick(NorwegianVocabulary.SMS_TEXTS, random), greeted));
        record.put("sms_status", NorwegianVocabulary.pick(SMS_STATUSES, random));
        return record;
    }

    private SplittableRandom stream(long kind, Campaign campaign, LocalDate day, int index) {
        return DeterministicRandom.of(settings.seed(), kind, campaign.id(), day.toEpochDay(), index);
    }

    private static Outcome outcome(SplittableRandom random) {
        int roll = random.nextInt(OUTCOME_WEIGHTS);
        for (Outcome outcome : OUTCOMES) {
            roll -= outcome.weight();
            if (roll < 0) {
                return outcome;
            }
        }
        throw new IllegalStateException("weights do not add up");
    }

    /**
     * How many of a day's {@code perDay} events have surely happened at {@code now}: the index-th falls in its own slot
     * of the opening hours, so every event before the slot {@code now} is in has.
     */
    static int happenedBy(SimulatorSettings settings, LocalDate day, int perDay, Instant now) {
        long elapsed = ChronoUnit.MICROS.between(day.atTime(settings.opensAt(), 0).atZone(OSLO).toInstant(), now);
        if (elapsed <= 0 || perDay == 0) {
            return 0;
        }
        return (int) Math.min(perDay, elapsed / (openMicros(settings) / perDay));
    }

    private ZonedDateTime moment(LocalDate day, int index, int perDay, SplittableRandom random) {
        long slot = openMicros(settings) / Math.max(1, perDay);
        long micros = index * slot + random.nextLong(Math.max(1, slot));
        return day.atTime(settings.opensAt(), 0).atZone(OSLO).plusNanos(micros * 1000);
    }

    private static long openMicros(SimulatorSettings settings) {
        return settings.openHours() * 3600L * 1_000_000;
    }

    /** Any customer of the campaign, or with activeCustomers set the index-th of that many, so a day names exactly them. */
    private int customerNumber(Campaign campaign, SplittableRandom random, int index) {
        int active = settings.activeCustomers();
        int drawn = random.nextInt(campaign.customerCount());
        return campaign.firstCustomer() + (active > 0 ? index % Math.min(active, campaign.customerCount()) : drawn);
    }

    private static String comment(SplittableRandom random) {
        return random.nextInt(4) == 0 ? NorwegianVocabulary.pick(NorwegianVocabulary.COMMENTS, random) : "";
    }

    private static String segment(CustomerProfile customer) {
        List<String> segments = customer.assignment().segments();
        return segments.get(customer.number() % segments.size());
    }

    /** The node a JSON parser reads back for this number: an int when it fits, so parsed and generated records are equal. */
    private static JsonNode number(long value) {
        return value == (int) value ? JsonNodeFactory.instance.numberNode((int) value) : JsonNodeFactory.instance.numberNode(value);
    }

    private static void putLaterCustomer(ObjectNode record, CustomerProfile customer) {
        record.put("crm__customer_id", customer.externalId());
        record.put("crm__name", customer.name());
        record.put("crm__phone_1", customer.phone1());
    }

    private static void putExtra(ObjectNode record, CustomField field, JsonNode value) {
        // call outcome extras are always text: missing values become ""
        record.put(field.extraKey(), value.isNull() ? "" : value.asText());
    }

    /** A call outcome before it is projected onto either API generation's record shape. */
    record CallOutcome(Campaign campaign, CustomerProfile customer, String type, String subtype, String comment,
                       String agent, ZonedDateTime when, long detailSeed) {
    }

    private record Outcome(String type, int weight, List<String> subtypes) {
    }
}
