package io.cubeintegration.bench;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a Cube user does today, after the seed documents' Python: fetch page after page, then each response's customer
 * card one after another, no cache, one request at a time.
 * Arguments: base URL, token, first-page path with query, assignment id, output file.
 */
public final class SequentialClient {

    private SequentialClient() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        CubeHttp cube = new CubeHttp(args[1]);
        String url = base + args[2];
        String customers = base + "assignments/" + args[3] + "/customers/";
        long start = System.nanoTime();
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[4])))) {
            while (url != null) {
                JsonNode page = cube.get(url);
                for (JsonNode response : page.get("results")) {
                    JsonNode customer = cube.get(customers + response.get("crm_customer_id").asLong());
                    ((ObjectNode) response).set("customer", customer == null ? NullNode.getInstance() : customer);
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
