package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimulatorRecordShapeTest {

    private static final Map<String, String> ONE_DAY = Map.of("from_date", "20240201", "to_date", "20240201");

    @AutoClose
    private static CubeSimulator simulator;
    private static SimulatedAccount account;

    @BeforeAll
    static void start() {
        simulator = CubeSimulator.start(SimulatorSettings.builder().today(LocalDate.of(2024, 2, 1)).build());
        account = simulator.account();
    }

    // responses carry exactly seed 001's fields in its order, with submitted_when in UTC microseconds
    @Test
    void responsesHaveSeedFields() {
        ObjectNode response = account.records("campaigns/" + account.defaultCampaignId() + "/responses/", ONE_DAY).get(0);
        assertEquals(List.of("submitted_by", "submitted_when", "crm_customer_id", "customer_name", "campaign_id", "type",
                "subtype", "comment", "external_customer_id"), names(response));
        assertTrue(response.get("submitted_when").asText().matches("2024-02-01T\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z"));
        assertTrue(response.get("crm_customer_id").isInt());
    }

    // campaigns carry exactly the documented fields and name the default campaign's assignment
    @Test
    void campaignsHaveDocumentedFields() {
        ObjectNode campaign = account.campaigns().get(0);
        assertEquals(List.of("campaign__id", "campaign__name", "campaign__description", "campaign__start_date", "campaign__end_date",
                "campaign__archived_date", "campaign__is_active", "assignment__id", "assignment__name", "assignment__description",
                "client__id", "client__short_name", "client__full_name"), names(campaign));
        assertEquals(account.defaultCampaignId(), campaign.get("campaign__id").asInt());
        assertEquals(account.defaultAssignmentId(), campaign.get("assignment__id").asInt());
    }

    // call outcomes follow seed 000: external crm__customer_id, Norwegian crm__extra__ keys, local minute timestamps
    @Test
    void callOutcomesHaveSeedFields() {
        ObjectNode outcome = account.records("campaigns/" + account.defaultCampaignId() + "/call_outcomes/", Map.of()).get(0);
        assertTrue(names(outcome).containsAll(List.of("crm__address_street", "crm__customer_id", "crm__last_updated", "crm__zip_code",
                "crm__name", "crm__city", "crm__email", "crm__phone_3", "crm__phone_2", "crm__phone_1", "client__short_name",
                "client__full_name", "assignment__name", "campaign__name", "campaign__type", "response_comment", "response_subtype",
                "response_submitted_when", "response_type", "response_submitted_by")));
        assertTrue(outcome.has("crm__extra__Opprinnelig_lånebeløp_1324"));
        assertTrue(outcome.get("crm__customer_id").isTextual());
        assertTrue(outcome.get("response_submitted_when").asText().matches("2024-02-01 \\d\\d:\\d\\d"));
    }

    // customers start with the internal id, then the external one, and their custom keys are the custom field ids
    @Test
    void customersMatchTheirCustomFields() {
        for (ObjectNode campaign : account.campaigns()) {
            int assignment = campaign.get("assignment__id").asInt();
            ObjectNode customer = account.records("assignments/" + assignment + "/customers/", Map.of()).get(0);
            List<String> names = names(customer);
            assertEquals(List.of("id", "crm__customer_id"), names.subList(0, 2));
            Set<String> customKeys = new TreeSet<>();
            names.stream().filter(name -> name.startsWith("crm__custom_info__")).forEach(customKeys::add);
            Set<String> fieldKeys = new TreeSet<>();
            account.records("assignments/" + assignment + "/crm_custom_fields/", Map.of())
                    .forEach(field -> fieldKeys.add("crm__custom_info__" + field.get("id").asInt()));
            assertEquals(fieldKeys, customKeys);
        }
    }

    // custom values mix strings, ints, "233.0"-style number strings, "" and null across customers
    @Test
    void customValuesAreOfMixedKinds() {
        Set<String> kinds = new TreeSet<>();
        for (ObjectNode customer : account.records("assignments/241/customers/", Map.of())) {
            customer.properties().forEach(field -> {
                JsonNode value = field.getValue();
                if (field.getKey().startsWith("crm__custom_info__")) {
                    kinds.add(value.isNull() ? "null" : value.isInt() ? "int" : value.asText().isEmpty() ? "empty"
                            : value.asText().matches("\\d+\\.0") ? "number-string" : "string");
                }
            });
        }
        assertEquals(Set.of("null", "int", "empty", "number-string", "string"), kinds);
    }

    // callflow records follow seed 002, and SMS carry crm__ and sms_ fields
    @Test
    void callflowAndSmsHaveTheirFields() {
        ObjectNode callflow = account.records("assignments/" + account.defaultAssignmentId() + "/callflow_customers/", Map.of()).get(0);
        assertTrue(names(callflow).containsAll(List.of("crm__customer_id", "crm__standard_info__name", "crm__change_log__updated",
                "callflow__attempts_status__attempts", "callflow__callstate__name", "callflow__last_change__when", "campaign__name",
                "assignment__name", "client__short_name", "meeting__agent", "meeting__time__from_date_time")));
        ObjectNode sms = account.records("campaigns/998/sms/", Map.of()).get(0);
        assertTrue(names(sms).containsAll(List.of("crm__customer_id", "crm__name", "sms_sent_when", "sms_text", "sms_to", "sms_status")));
    }

    private static List<String> names(ObjectNode record) {
        List<String> names = new ArrayList<>();
        record.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
