package io.cubeintegration.cube;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One answer from Cube: status, body bytes as received, and the headers the pipeline acts on. */
public record CubeResponse(URI url, int status, byte[] body, String contentType, String retryAfter) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** The start of the body as text, for error messages (Cube's DRF errors are short JSON; proxies send HTML). */
    public String bodyExcerpt() {
        String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }
}
