package io.cubeintegration.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the benchmark's hand-written contenders share: a GET with Cube's headers, and the peak-heap figure. */
final class CubeHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final String token;

    CubeHttp(String token) {
        this.token = token;
    }

    /** The JSON answer, or null for a 404. */
    JsonNode get(String url) throws IOException, InterruptedException {
        byte[] body = getBytes(url);
        return body == null ? null : JSON.readTree(body);
    }

    /** The answer's bytes, or null for a 404. */
    byte[] getBytes(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Token " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " for " + url);
        }
        return response.body();
    }

    static double peakHeapMegabytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(pool -> pool.getType() == MemoryType.HEAP)
                .mapToLong(pool -> pool.getPeakUsage().getUsed()).sum() / 1048576.0;
    }
}
