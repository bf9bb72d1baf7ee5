package io.cubeintegration.cube;

import java.net.URI;
import java.util.LinkedHashMap;
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
