package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CubeSimulatorProtocolTest {

    @AutoClose
    private static CubeSimulator simulator;
    private static CubeTestClient client;
    private static SimulatedAccount account;

    @BeforeAll
    static void start() {
        simulator = CubeSimulator.start(SimulatorSettings.builder().today(LocalDate.of(2024, 3, 15)).build());
        client = new CubeTestClient(simulator);
        account = simulator.account();
    }

    // responses without their mandatory dates answer 400 naming each missing field, like DRF
    @Test
    void responsesRequireBothDates() {
        String path = "campaigns/" + account.defaultCampaignId() + "/responses/";
        HttpResponse<byte[]> missing = client.get(path + "?to_date=20240101");
        assertEquals(400, missing.statusCode());
        assertEquals("{\"from_date\":[\"This field is required.\"]}", text(missing));
        assertEquals(400, client.get(path + "?from_date=2024-01-01&to_date=20240101").statusCode());
        SimulatedHttpError error = assertThrows(SimulatedHttpError.class, () -> account.records(path, Map.of()));
        assertEquals(400, error.status());
    }

    // no credentials and wrong credentials are both 401, with DRF's two messages; the journal records them
    @Test
    void authenticationIsRequiredAndChecked() {
        URI campaigns = simulator.baseUrl().resolve("campaigns");
        HttpResponse<byte[]> anonymous = client.get(campaigns, null);
        assertEquals(401, anonymous.statusCode());
        assertEquals("{\"detail\":\"Authentication credentials were not provided.\"}", text(anonymous));
        HttpResponse<byte[]> wrongToken = client.get(campaigns, "Token not-the-token");
        assertEquals(401, wrongToken.statusCode());
        assertEquals("{\"detail\":\"Invalid token.\"}", text(wrongToken));
        assertEquals(401, client.get(campaigns, basic("demo", "wrong")).statusCode());
        assertEquals(200, client.get(campaigns, basic("demo", "demo-password")).statusCode());
        assertTrue(simulator.journal().count(request -> request.status() == 401 && request.path().equals("campaigns")) >= 3);
    }

    // the campaigns list is a plain array equal to the account's, under both paths and with or without the slash
    @Test
    void campaignsAreAPlainArray() {
        for (String path : List.of("campaigns", "campaigns/", "client_access/campaigns")) {
            JsonNode campaigns = client.json(path);
            assertTrue(campaigns.isArray());
            assertEquals(account.campaigns(), elements(campaigns));
        }
        assertEquals(3, account.campaigns().size());
    }

    // an existing customer answers exactly customer(...); an id no customer has, like a response's missing one, is 404
    @Test
    void customerLookupFindsOrAnswersNotFound() {
        int assignment = account.defaultAssignmentId();
        JsonNode firstCustomer = client.json("assignments/" + assignment + "/customers/").get("results").get(0);
        long id = firstCustomer.get("id").asLong();
        assertEquals(account.customer(assignment, id).orElseThrow(), client.json("assignments/" + assignment + "/customers/" + id));

        List<ObjectNode> responses = account.records("campaigns/" + account.defaultCampaignId() + "/responses/",
                Map.of("from_date", "20240101", "to_date", "20240101"));
        long missing = responses.stream().map(response -> response.get("crm_customer_id").asLong())
                .filter(customer -> account.customer(assignment, customer).isEmpty()).findFirst().orElseThrow();
        HttpResponse<byte[]> notFound = client.get("assignments/" + assignment + "/customers/" + missing);
        assertEquals(404, notFound.statusCode());
        assertEquals("{\"detail\":\"Not found.\"}", text(notFound));
        assertEquals(2, responses.stream().filter(response -> response.get("external_customer_id").isNull()).count(),
                "every 50th response names a missing customer");
    }

    // unknown or non-integer campaign and assignment ids are 404, as are unknown endpoints
    @Test
    void unknownThingsAreNotFound() {
        for (String path : List.of("campaigns/1/call_outcomes/", "campaigns/abc/call_outcomes/", "assignments/999/customers/",
                "assignments/240/customers/x", "campaigns/926/nothing/", "nothing")) {
            assertEquals(404, client.get(path).statusCode(), path);
        }
    }

    // æ ø å arrive as raw UTF-8 bytes, never \\u-escaped, and the body equals the account's record byte for byte
    @Test
    void norwegianLettersArriveByteExact() throws Exception {
        HttpResponse<byte[]> response = client.get("client_access/campaigns");
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        byte[] expected = CubeTestClient.MAPPER.writeValueAsBytes(account.campaigns());
        assertArrayEquals(expected, response.body());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("Bølgen Kundeservice AS"));
        assertFalse(body.contains("\\u"));
        byte[] oSlash = "ø".getBytes(StandardCharsets.UTF_8);
        assertTrue(indexOf(response.body(), oSlash) >= 0);
        List<ObjectNode> customers = account.records("assignments/" + account.defaultAssignmentId() + "/customers/", Map.of());
        assertTrue(customers.stream().filter(customer -> customer.get("crm__standard_info__name").asText().matches(".*[æøåÆØÅ].*")).count() > 100);
    }

    // other methods than GET are refused with 405
    @Test
    void onlyGetIsAllowed() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(simulator.baseUrl().resolve("assignments/240/customers/1286001"))
                        .header("Authorization", CubeTestClient.TOKEN).PUT(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
    }

    // the later data-owner API serves the same customers and call outcomes with offset timestamps
    @Test
    void laterGenerationEndpointsServe() {
        int owner = account.defaultAssignmentId();
        assertEquals(account.customer(owner, 1_286_001).orElseThrow(), client.json("data_owners/" + owner + "/B2C/customers/1286001"));
        JsonNode outcome = client.json("data_owners/" + owner + "/crm/B2C/call_outcomes/?from_date=20200212&to_date=20200212").get("results").get(0);
        assertTrue(outcome.get("call_outcome__report_as__submitted_when_timestamp").asText().matches("2020-02-12T\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\+0100"));
        assertEquals(404, client.get("data_owners/" + owner + "/crm/B2B/call_outcomes/").statusCode());
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> elements = new ArrayList<>();
        array.forEach(elements::add);
        return elements;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
