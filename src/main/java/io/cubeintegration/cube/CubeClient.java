package io.cubeintegration.cube;

import java.net.URI;
import java.util.function.Function;

import javax.net.ssl.SSLException;

import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Sends GET requests to Cube through Camel's http component. Each request is a fresh exchange carrying only the
 * Authorization header (Accept and Content-Type come from {@link CubeHttpRules}), so no route header can leak
 * into a request, and credentials are only ever set for the configured host.
 */
public final class CubeClient {

    private final CubeConnection connection;
    private final CubeRetryPolicy retries;
    /** The account-wide pace: every feed, page fetch and customer lookup shares it. */
    private final AccountPace pace;
    private final ProducerTemplate producer;
    private final Endpoint endpoint;
    private final CubeRequestObserver observer;

    /**
     * @param tlsBean the name of an {@code SSLContextParameters} bean to trust Cube by (a corporate TLS proxy), or
     *                null for the JVM's own trust
     */
    public CubeClient(CamelContext context, CubeConnection connection, CubeRetryPolicy retries, String tlsBean,
                      AccountPace pace, CubeRequestObserver observer) {
        this.connection = connection;
        this.retries = retries;
        this.pace = pace;
        this.observer = new AccountThrottle(pace, observer);
        this.producer = context.createProducerTemplate();
        URI base = connection.baseUrl();
        // one endpoint for the configured host; the exact URL of each call travels in the CamelHttpUri header
        this.endpoint = context.getEndpoint(base.getScheme() + "://" + base.getRawAuthority() + base.getRawPath()
                + "?throwExceptionOnFailure=false&followRedirects=false&httpMethod=GET"
                + "&httpClientConfigurer=#cubeHttpRules" + (tlsBean == null ? "" : "&sslContextParameters=#" + tlsBean));
    }

    public CubeConnection connection() {
        return connection;
    }

    /**
     * Fetches a URL and reads the answer, asking again where Cube or the way to it failed for a while: a 429 after
     * the Retry-After it names (capped), a 5xx, a dropped or timed-out connection, or an answer the reader found
     * truncated, with exponential backoff and jitter up to a bounded number of attempts. Any other answer, a 4xx
     * included, goes to the reader, which decides what it means.
     *
     * @param feedId names the feed in log lines and errors
     */
    public <T> T get(String feedId, URI url, Function<CubeResponse, T> reader) {
        return get(feedId, url, reader, () -> { });
    }

    /** The same, telling {@code sent} of every request it sends (a retry too): a run counts what it cost Cube. */
    public <T> T get(String feedId, URI url, Function<CubeResponse, T> reader, Runnable sent) {
        return retries.run(feedId, url, observer, () -> {
            sent.run();
            CubeResponse response;
            try {
                response = get(url);
            } catch (CubeApiException failure) {
                observer.answered(feedId, 0);
                throw failure;
            }
            observer.answered(feedId, response.status());
            if (response.status() == 429 || response.status() >= 500) {
                throw new CubeRetryPolicy.TryAgain(response);
            }
            return reader.apply(response);
        });
    }

    /** Fetches a URL on the configured host once and returns whatever Cube answered; transport failures throw. */
    public CubeResponse get(URI url) {
        if (!connection.isConfiguredHost(url)) {
            // never reached through the pager, which only builds configured-host URLs: a guard for future callers
            throw new IllegalStateException("refusing to send Cube credentials to " + url.getHost());
        }
        pace.acquire();
        Exchange answer = null;
        try {
            answer = producer.send(endpoint, exchange -> {
                exchange.getMessage().setHeader(Exchange.HTTP_URI, url.toString());
                exchange.getMessage().setHeader("Authorization", connection.authorization());
            });
        } finally {
            Integer answered = answer == null ? null : answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            pace.release(answered == null ? 0 : answered);
        }
        if (answer.getException() != null) {
            Exception cause = answer.getException();
            for (Throwable inner = cause; inner != null; inner = inner.getCause() == inner ? null : inner.getCause()) {
                if (inner instanceof CubeHttpRules.AnswerLimitException limit) {
                    throw new CubeLimitException("GET " + url + " cut off: " + limit.getMessage(), limit);
                }
            }
            // a certificate Cube's TLS does not satisfy will not change by asking again
            boolean retryable = !(cause instanceof SSLException);
            throw new CubeApiException("GET " + url + " failed: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), 0, cause, retryable);
        }
        Integer status = answer.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        byte[] body = answer.getMessage().getBody(byte[].class);
        return new CubeResponse(url, status == null ? 0 : status, body == null ? new byte[0] : body,
                answer.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class),
                answer.getMessage().getHeader("Retry-After", String.class));
    }
}
