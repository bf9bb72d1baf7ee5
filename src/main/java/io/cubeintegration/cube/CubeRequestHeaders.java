package io.cubeintegration.cube;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.http.HttpHeaders;

/**
 * Puts the headers Cube's documents ask for on every request: {@code Accept} and {@code Content-Type} JSON. Camel's
 * http producer drops a Content-Type header on a GET without a body, so it is added on the HTTP client itself.
 */
public final class CubeRequestHeaders implements HttpClientConfigurer {

    private static final String JSON = "application/json";

    @Override
    public void configureHttpClient(HttpClientBuilder builder) {
        builder.addRequestInterceptorLast((request, entity, context) -> {
            if (!request.containsHeader(HttpHeaders.ACCEPT)) {
                request.addHeader(HttpHeaders.ACCEPT, JSON);
            }
            if (!request.containsHeader(HttpHeaders.CONTENT_TYPE)) {
                request.addHeader(HttpHeaders.CONTENT_TYPE, JSON);
            }
        });
    }
}
