package io.cubeintegration.cube;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** One answer from Cube: status, body bytes as received, and the headers the pipeline acts on. */
public record CubeResponse(URI url, int status, byte[] body, String contentType, String retryAfter) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * The start of the body as text, for error messages (Cube's DRF errors are short JSON; proxies send HTML), on one
     * line and with control characters escaped: it goes into log lines.
     */
    public String bodyExcerpt() {
        String text = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
        return LogSafe.text(text.length() > 160 ? text.substring(0, 160) + "…" : text);
    }
}
