package io.cubeintegration.cube;

import java.net.URI;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends GET requests to Cube through Camel's http component. Each request is a fresh exchange carrying only the
 * Authorization header (Accept and Content-Type come from {@link CubeRequestHeaders}), so no route header can leak
 * into a request, and credentials are only ever set for the configured host.
 */
public final class CubeClient {

    private final CubeConnection connection;
    private final ProducerTemplate producer;
    private final Endpoint endpoint;

    public CubeClient(CamelContext context, CubeConnection connection) {
        this.connection = connection;
        this.producer = context.createProducerTemplate();
        URI base = connection.baseUrl();
        // one endpoint for the configured host; the exact URL of each call travels in the CamelHttpUri header
        this.endpoint = context.getEndpoint(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath()
                + "?throwExceptionOnFailure=false&followRedirects=false&httpMethod=GET"
                + "&httpClientConfigurer=#cubeRequestHeaders");
    }

    public CubeConnection connection() {
        return connection;
    }

    /** Fetches a URL on the configured host and returns whatever Cube answered; transport failures throw. */
    public CubeResponse get(URI url) {
        if (!connection.isConfiguredHost(url)) {
            // never reached through the pager, which only builds configured-host URLs: a guard for future callers
            throw new IllegalStateException("refusing to send Cube credentials to " + url.getHost());
        }
        Exchange answer = producer.send(endpoint, exchange -> {
            exchange.getMessage().setHeader(Exchange.HTTP_URI, url.toString());
            exchange.getMessage().setHeader("Authorization", connection.authorization());
        });
        if (answer.getException() != null) {
            Exception cause = answer.getException();
            throw new CubeApiException("GET " + url + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), 0, cause);
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = answer.getMessage().getBody(byte[].class);
        return new CubeResponse(url, status == null ? 0 : status, body == null ? new byte[0] : body,
                answer.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                answer.getMessage().getHeader("Retry-After", String.class));
    }
}
