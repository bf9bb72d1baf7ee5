package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A plain java.net.http client for the simulator's tests: token authentication, raw bytes, and link walking. */
final class CubeTestClient {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final String TOKEN = "Token demo-token";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI baseUrl;

    CubeTestClient(CubeSimulator simulator) {
        this.baseUrl = simulator.baseUrl();
    }

    /** GET a path relative to {@code /api/v1/} with the demo token. */
    HttpResponse<byte[]> get(String relative) {
        return get(baseUrl.resolve(relative), TOKEN);
    }

    HttpResponse<byte[]> get(URI uri, String authorization) {
        try {
            return http.send(request(uri, authorization), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    CompletableFuture<HttpResponse<byte[]>> getAsync(String relative) {
        return http.sendAsync(request(baseUrl.resolve(relative), TOKEN), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(String relative) {
        HttpResponse<byte[]> response = get(relative);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + relative + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    /** Follows {@code next} from a first page until it is null and returns every result, in order. */
    List<JsonNode> walk(String relative) {
        List<JsonNode> results = new ArrayList<>();
        URI next = baseUrl.resolve(relative);
        while (next != null) {
            HttpResponse<byte[]> response = get(next, TOKEN);
            if (response.statusCode() != 200) {
                throw new AssertionError("GET " + next + " answered " + response.statusCode());
            }
            JsonNode page = parse(response.body());
            page.get("results").forEach(results::add);
            next = page.get("next").isNull() ? null : URI.create(page.get("next").asText());
        }
        return results;
    }

    static JsonNode parse(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpRequest request(URI uri, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request.GET().build();
    }
}
