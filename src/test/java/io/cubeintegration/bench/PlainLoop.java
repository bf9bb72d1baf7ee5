package io.cubeintegration.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The same job as the pipeline's enriched responses feed, by hand and without Camel: pages one by one, each customer
 * fetched once (a cache), the same lines written. At zero latency it shows what the framework costs.
 * Arguments: base URL, token, first-page path with query, assignment id, output file.
 */
public final class PlainLoop {

    private PlainLoop() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        CubeHttp cube = new CubeHttp(args[1]);
        String url = base + args[2];
        String customers = base + "assignments/" + args[3] + "/customers/";
        Map<Long, JsonNode> cache = new HashMap<>();
        long start = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[4])))) {
            while (url != null) {
                JsonNode page = cube.get(url);
                for (JsonNode response : page.get("results")) {
                    long id = response.get("crm_customer_id").asLong();
                    JsonNode customer = cache.get(id);
                    if (customer == null) {
                        customer = cube.get(customers + id);
                        cache.put(id, customer == null ? NullNode.getInstance() : customer);
                        customer = cache.get(id);
                    }
                    ((ObjectNode) response).set("customer", customer);
                    out.write(CubeHttp.JSON.writeValueAsBytes(response));
                    out.write('\n');
                }
                url = page.get("next").isNull() ? null : page.get("next").asText();
            }
        }
        System.out.printf(java.util.Locale.ROOT, "elapsed %.3f s, peak heap %.1f MB%n",
                (System.nanoTime() - start) / 1e9, CubeHttp.peakHeapMegabytes());
    }
}
