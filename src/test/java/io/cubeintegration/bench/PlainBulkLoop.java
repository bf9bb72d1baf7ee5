package io.cubeintegration.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pipeline's plan by hand, without Camel: the assignment's customer list into an index, then the response pages,
 * each response joined with its customer and written as a line; the same requests as the pipeline's bulk plan, pages
 * read with Jackson's streaming parser one record at a time. At zero latency it shows what Camel itself costs per
 * record. Arguments: base URL, token, first-page path with query, assignment id, output file.
 */
public final class PlainBulkLoop {

    private PlainBulkLoop() {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        CubeHttp cube = new CubeHttp(args[1]);
        long start = System.nanoTime();
        Map<Long, JsonNode> customers = new HashMap<>();
        for (String url = base + "assignments/" + args[3] + "/customers/"; url != null; ) {
            url = eachRecord(cube.getBytes(url), customer -> customers.put(customer.get("id").asLong(), customer));
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(Path.of(args[4])));
             JsonGenerator json = CubeHttp.JSON.getFactory().createGenerator(out)) {
            json.setRootValueSeparator(null);
            for (String url = base + args[2]; url != null; ) {
                url = eachRecord(cube.getBytes(url), response -> {
                    response.set("customer", customers.getOrDefault(response.get("crm_customer_id").asLong(), NullNode.getInstance()));
                    try {
                        json.writeTree(response);
                        json.writeRaw('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        System.out.printf(java.util.Locale.ROOT, "elapsed %.3f s, peak heap %.1f MB%n",
                (System.nanoTime() - start) / 1e9, CubeHttp.peakHeapMegabytes());
    }

    /** Hands each record of a DRF page to {@code record}, one at a time as the parser reaches it; returns the next link. */
    private static String eachRecord(byte[] page, Consumer<ObjectNode> record) throws IOException {
        String next = null;
        try (JsonParser parser = CubeHttp.JSON.getFactory().createParser(page)) {
            parser.nextToken();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("results")) {
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        record.accept(parser.readValueAsTree());
                    }
                } else if (field.equals("next")) {
                    next = value == JsonToken.VALUE_NULL ? null : parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
        }
        return next;
    }
}
