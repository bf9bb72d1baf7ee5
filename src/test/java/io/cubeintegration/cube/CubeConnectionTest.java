package io.cubeintegration.cube;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CubeConnectionTest {

    private static final String SECRET = "s3cr3t-token-value";

    private final CubeConnection connection =
            CubeConnection.of("https://acme.headshed.com/api/v1", false, "auto", SECRET, "", "");

    // A next link with another scheme and host is fetched from the configured host, path and query kept.
    @Test
    void nextLinkIsRebasedOntoTheConfiguredHost() {
        URI next = connection.resolveNext("http://evil.example.com:8080/api/v1/assignments/239/callflow_customers/?page=2");
        assertEquals(URI.create("https://acme.headshed.com/api/v1/assignments/239/callflow_customers/?page=2"), next);
        assertTrue(connection.isConfiguredHost(next));
    }

    // The malformed link from Cube's own call-outcomes example is mended into a usable query.
    @Test
    void malformedNextLinkFromTheSeedDocumentIsMended() {
        URI next = connection.resolveNext(
                "https://xxx.headshed.com/api/v1/campaigns/926/responses/?from_date=20170101&to_date=20170131&response_type=Sale/?page=2");
        assertEquals(URI.create(
                "https://acme.headshed.com/api/v1/campaigns/926/responses/?from_date=20170101&to_date=20170131&response_type=Sale&page=2"),
                next);
    }

    // A next link outside the API path is refused rather than followed.
    @Test
    void nextLinkOutsideTheApiIsRefused() {
        CubeApiException e = assertThrows(CubeApiException.class,
                () -> connection.resolveNext("https://acme.headshed.com/admin/?page=2"));
        assertTrue(e.getMessage().contains("leaves the API path"), e.getMessage());
    }

    // Filters are encoded (spaces, Norwegian letters) and kept in order.
    // Dot segments leave the API path however they are written: plain, percent-encoded, in a next link or in a feed's
    // path; an encoded slash cannot split a segment either. Cube's own links stay as they are.
    @Test
    void requestsStayInsideTheBasePath() {
        for (String next : List.of("https://acme.headshed.com/api/v1/../admin/", "https://acme.headshed.com/api/v1/%2e%2e/admin/",
                "https://acme.headshed.com/api/v1/campaigns/%2E%2E/%2e%2E/admin", "https://acme.headshed.com/api/v1/a%2f..%2fadmin/",
                "https://acme.headshed.com/api/v1/./campaigns/")) {
            CubeApiException e = assertThrows(CubeApiException.class, () -> connection.resolveNext(next), next);
            assertTrue(e.getMessage().contains("leaves the API path /api/v1/"), e.getMessage());
        }
        for (String path : List.of("campaigns/%2e%2e/%2e%2e/admin/", "campaigns/%2E%2E/x", "a%2f%2e%2e%2fadmin", "%2e/x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> connection.resolve(path, Map.of()), path);
            assertTrue(e.getMessage().contains("must stay below the base URL"), e.getMessage());
        }
        assertEquals(URI.create("https://acme.headshed.com/api/v1/campaigns/926/responses/?page=3"),
                connection.resolveNext("https://acme.headshed.com/api/v1/campaigns/926/responses/?page=3"));
        assertEquals(URI.create("https://acme.headshed.com/api/v1/data_owners/42/crm/B2C/call_outcomes/"),
                connection.resolve("data_owners/42/crm/B2C/call_outcomes/", Map.of()));
    }

    // A next link's newline or terminal escape cannot reach a log line: the message quotes it escaped.
    @Test
    void aNextLinkIsQuotedEscaped() {
        CubeApiException e = assertThrows(CubeApiException.class,
                () -> connection.resolveNext("https://acme.headshed.com/admin/\n2026-12-01 INFO forged\u001b[31m"));
        assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("\u001b"), e.getMessage());
        assertTrue(e.getMessage().contains("\\n2026-12-01 INFO forged\\u001b[31m"), e.getMessage());
    }

    @Test
    void queryValuesAreEncoded() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from_date", "20240101");
        query.put("call_state", "Completed - Yes");
        query.put("x", "blåbær");
        assertEquals("https://acme.headshed.com/api/v1/campaigns/998/callflow_customers/"
                        + "?from_date=20240101&call_state=Completed%20-%20Yes&x=bl%C3%A5b%C3%A6r",
                connection.resolve("campaigns/998/callflow_customers/", query).toString());
        assertEquals(Map.of("call_state", "Completed - Yes"), CubeConnection.parseQuery("call_state=Completed - Yes"));
    }

    // Token and Basic produce the Authorization header Cube documents.
    @Test
    void authorizationHeaderFollowsTheChosenMethod() {
        assertEquals("Token " + SECRET, connection.authorization());
        CubeConnection basic = CubeConnection.of("https://acme.headshed.com/api/v1/", false, "basic", "", "ola", "pw");
        assertEquals("Basic b2xhOnB3", basic.authorization());
    }

    // http:// is refused unless allowed, and the message names the setting without any secret.
    // CUBE_ALLOW_HTTP is for a simulator on loopback: a plain-http URL of any other host is refused even with it.
    @Test
    void plainHttpIsForLoopbackOnly() {
        for (String host : List.of("127.0.0.1:8080", "localhost", "[::1]:8099", "127.0.0.2")) {
            CubeConnection.of("http://" + host + "/api/v1/", true, "token", SECRET, "", "");
        }
        for (String host : List.of("acme.headshed.com", "10.0.0.5", "127.0.0.1.evil.example")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CubeConnection.of("http://" + host + "/api/v1/", true, "token", SECRET, "", ""), host);
            assertTrue(e.getMessage().contains("CUBE_ALLOW_HTTP allows only for a host on loopback"), e.getMessage());
            assertFalse(e.getMessage().contains(SECRET));
        }
    }

    @Test
    void plainHttpIsRefusedUnlessAllowed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CubeConnection.of("http://127.0.0.1:8080/api/v1/", false, "token", SECRET, "", ""));
        assertTrue(e.getMessage().contains("CUBE_ALLOW_HTTP"), e.getMessage());
        assertFalse(e.getMessage().contains(SECRET));
        assertTrue(CubeConnection.of("http://127.0.0.1:8080/api/v1/", true, "token", SECRET, "", "")
                .isConfiguredHost(URI.create("http://127.0.0.1:8080/api/v1/campaigns")));
    }

    // Missing base URL or credentials fail with the names of the settings to set.
    @Test
    void missingSettingsAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CubeConnection.of("", false, "auto", SECRET, "", "")).getMessage().contains("CUBE_BASE_URL"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CubeConnection.of("https://a.headshed.com/api/v1/", false, "auto", "", "", "")).getMessage()
                .contains("CUBE_TOKEN"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> CubeConnection.of("https://user:pw@a.headshed.com/api/v1/", false, "auto", SECRET, "", ""))
                .getMessage().contains("no user info"));
    }

    // Another host, another port or another scheme is never the configured host.
    @Test
    void configuredHostComparesSchemeHostAndPort() {
        assertTrue(connection.isConfiguredHost(URI.create("https://ACME.headshed.com:443/api/v1/x")));
        assertFalse(connection.isConfiguredHost(URI.create("http://acme.headshed.com/api/v1/x")));
        assertFalse(connection.isConfiguredHost(URI.create("https://acme.headshed.com:8443/api/v1/x")));
        assertFalse(connection.isConfiguredHost(URI.create("https://other.headshed.com/api/v1/x")));
    }
}
