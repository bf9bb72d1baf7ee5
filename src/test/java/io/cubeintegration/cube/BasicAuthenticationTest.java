package io.cubeintegration.cube;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.CubeFeedTestSupport;
import io.cubeintegration.feed.FeedRun;
import io.cubeintegration.simulator.RecordedRequest;
import org.junit.jupiter.api.Test;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Basic authentication chosen by configuration, and the headers Cube documents on every request. */
class BasicAuthenticationTest extends CubeFeedTestSupport {

    @Override
    protected Map<String, String> settings() {
        return Map.of("cube.auth-method", "basic", "cube.token", "",
                "cube.username", simulatorSettings().username(), "cube.password", simulatorSettings().password());
    }

    // With Basic configured, every request carries Basic credentials plus Accept and Content-Type JSON headers.
    @Test
    void basicCredentialsAndJsonHeadersOnEveryRequest() {
        FeedRun run = run("customers");

        assertTrue(run.isSucceeded(), String.valueOf(run.failure()));
        assertEquals(Delivered.lines(simulator.account().records(
                "assignments/" + simulator.account().defaultAssignmentId() + "/customers/", Map.of())), output.onlyFileLines("customers"));
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                (simulatorSettings().username() + ":" + simulatorSettings().password()).getBytes(UTF_8));
        List<RecordedRequest> requests = simulator.journal().requests();
        assertEquals(2, requests.size(), "two pages of 500");
        for (RecordedRequest request : requests) {
            assertEquals(basic, request.headers().get("authorization"));
            assertEquals("application/json", request.headers().get("accept"));
            assertTrue(String.valueOf(request.headers().get("content-type")).startsWith("application/json"),
                    "content-type " + request.headers().get("content-type"));
        }
    }
}
