package io.cubeintegration.cube;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When and how often a Cube request is tried again. The backoff is Camel's own {@link RedeliveryPolicy} (exponential,
 * with collision avoidance as jitter, capped); a 429 waits what its Retry-After says instead, capped too.
 */
public final class CubeRetryPolicy {

    private static final Logger LOG = LoggerFactory.getLogger(CubeRetryPolicy.class);

    private final int maxAttempts;
    private final Duration maxRetryAfter;
    private final Duration maxElapsed;
    private final RedeliveryPolicy backoff;

    /**
     * @param maxAttempts   tries in all, the first included
     * @param initialDelay  the wait before the second try; it doubles each time, with jitter
     * @param maxDelay      the longest backoff wait
     * @param maxRetryAfter the longest a 429's Retry-After is honoured; a longer one waits this long
     * @param maxElapsed    no new try of a failed request (a 429 aside) starts after this long since its first: a
     *                      server that never answers fails the run in about this long, not attempts times timeouts
     */
    public CubeRetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter, Duration maxElapsed) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("cube.retry.max-attempts must be at least 1, not " + maxAttempts);
        }
        this.maxAttempts = maxAttempts;
        this.maxRetryAfter = maxRetryAfter;
        this.maxElapsed = maxElapsed;
        this.backoff = new RedeliveryPolicy();
        backoff.setRedeliveryDelay(initialDelay.toMillis());
        backoff.setMaximumRedeliveryDelay(maxDelay.toMillis());
        backoff.setUseExponentialBackOff(true);
        backoff.setBackOffMultiplier(2);
        backoff.setUseCollisionAvoidance(true);
    }

    /** Thrown by an attempt whose answer says to ask again later (429, 5xx). */
    static final class TryAgain extends RuntimeException {
        private final transient CubeResponse response;

        TryAgain(CubeResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    <T> T run(String feedId, URI url, CubeRequestObserver observer, Supplier<T> attempt) {
        long delay = 0;
        long started = System.nanoTime();
        for (int tries = 1; ; tries++) {
            String problem;
            long wait;
            CubeApiException lastFailure;
            try {
                return attempt.get();
            } catch (TryAgain again) {
                CubeResponse response = again.response;
                problem = "HTTP " + response.status() + (response.body().length == 0 ? "" : ": " + response.bodyExcerpt());
                lastFailure = new CubeApiException("feed " + feedId + ": Cube answered " + problem + " for GET " + url,
                        response.status(), null);
                delay = backoff.calculateRedeliveryDelay(delay, tries);
                wait = response.status() == 429 ? retryAfter(response, delay) : delay;
            } catch (CubeApiException failure) {
                if (!failure.retryable()) {
                    throw failure;
                }
                problem = failure.getMessage();
                lastFailure = failure;
                delay = backoff.calculateRedeliveryDelay(delay, tries);
                wait = delay;
            }
            if (lastFailure.status() == 429) {
                // Cube's wait is the account's, whether or not this request tries again
                observer.rateLimited(feedId, wait);
            }
            if (tries >= maxAttempts) {
                throw new CubeApiException(lastFailure.getMessage() + " (gave up after " + tries + " attempts)",
                        lastFailure.status(), lastFailure.getCause());
            }
            long elapsed = Duration.ofNanos(System.nanoTime() - started).toMillis();
            if (lastFailure.status() != 429 && elapsed + wait > maxElapsed.toMillis()) {
                throw new CubeApiException(lastFailure.getMessage() + " (gave up after " + tries + " attempts in "
                        + Math.round(elapsed / 1000.0) + " s: cube.retry.max-elapsed is " + maxElapsed.toSeconds() + " s)",
                        lastFailure.status(), lastFailure.getCause());
            }
            LOG.warn("feed {}: GET {}: {}; attempt {} of {} in {} ms", feedId, url, problem, tries + 1, maxAttempts, wait);
            sleep(wait, feedId, url);
        }
    }

    /** What a 429's Retry-After asks for (seconds, as Cube sends it), capped; the backoff when it names nothing. */
    private long retryAfter(CubeResponse response, long backoffDelay) {
        String header = response.retryAfter();
        if (header != null && header.trim().matches("\\d{1,9}")) {
            return Math.min(Duration.ofSeconds(Long.parseLong(header.trim())).toMillis(), maxRetryAfter.toMillis());
        }
        return backoffDelay;
    }

    private static void sleep(long millis, String feedId, URI url) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CubeApiException("feed " + feedId + ": interrupted while waiting to retry GET " + url);
        }
    }
}
