package io.cubeintegration.cube;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.component.http.HttpClientConfigurer;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.concurrent.Cancellable;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.HttpEntityWrapper;

/**
 * The rules every request to Cube follows, set on Camel's HTTP client itself. Cube's documents ask for
 * {@code Accept} and {@code Content-Type} JSON (Camel's http producer drops a Content-Type on a GET without a body, so
 * the client adds it). And each answer is bounded: the whole request, answer read to its end, must finish within
 * {@code cube.request-timeout} (the client's own timeouts are per read, so a body trickling a byte at a time would
 * never end), and an answer may hold at most {@code cube.max-answer-mb}. Crossing either aborts the connection, so
 * nothing waits for or drains the rest, and the run fails with a {@link AnswerLimitException} naming the setting.
 * When the application stops, requests in flight are aborted the same way, so a stop never waits on Cube.
 */
public final class CubeHttpRules implements HttpClientConfigurer {

    private static final String JSON = "application/json";

    private final Duration requestTimeout;
    private final long maxAnswerBytes;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "CubeRequestDeadlines");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<Request> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    public CubeHttpRules(Duration requestTimeout, long maxAnswerBytes) {
        this.requestTimeout = requestTimeout;
        this.maxAnswerBytes = maxAnswerBytes;
    }

    /** Why an answer was cut off: a limit of these rules, or the application stopping. */
    public static final class AnswerLimitException extends IOException {
        AnswerLimitException(String message) {
            super(message);
        }
    }

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
        builder.addExecInterceptorFirst("cube-answer-limits", (request, scope, chain) -> {
            if (stopping) {
                throw new AnswerLimitException("the application is stopping");
            }
            Runnable abort = scope.execRuntime instanceof Cancellable cancellable ? cancellable::cancel : scope.execRuntime::discardEndpoint;
            Request bounded = new Request(abort);
            try {
                ClassicHttpResponse response = chain.proceed(request, scope);
                Header length = response.getFirstHeader(HttpHeaders.CONTENT_LENGTH);
                if (length != null && length.getValue().trim().matches("\\d{1,18}") && Long.parseLong(length.getValue().trim()) > maxAnswerBytes) {
                    bounded.cut("an answer of " + length.getValue().trim() + " bytes is larger than " + limitText());
                    throw bounded.reason();
                }
                HttpEntity entity = response.getEntity();
                if (entity == null) {
                    bounded.finish();
                } else {
                    response.setEntity(new HttpEntityWrapper(entity) {
                        @Override
                        public InputStream getContent() throws IOException {
                            return new BoundedBody(super.getContent(), bounded);
                        }
                    });
                }
                return response;
            } catch (IOException | RuntimeException e) {
                bounded.finish();
                if (bounded.reason() != null) {
                    throw bounded.reason();
                }
                throw e;
            }
        });
    }

    /** Aborts every request in flight and refuses new ones: the application is stopping. */
    public void stop() {
        stopping = true;
        inFlight.forEach(request -> request.cut("the application is stopping"));
    }

    private String limitText() {
        return (maxAnswerBytes / (1024 * 1024)) + " MB (cube.max-answer-mb)";
    }

    /** One request under way: its deadline, and why it was cut off, if it was. */
    private final class Request {
        private final Runnable abort;
        private final ScheduledFuture<?> deadline;
        private volatile AnswerLimitException reason;

        Request(Runnable abort) {
            this.abort = abort;
            inFlight.add(this);
            this.deadline = timer.schedule(() -> cut("no complete answer within " + requestTimeout.toSeconds()
                    + " s (cube.request-timeout)"), requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        void cut(String why) {
            if (reason == null) {
                reason = new AnswerLimitException(why);
            }
            abort.run();
            finish();
        }

        AnswerLimitException reason() {
            return reason;
        }

        void finish() {
            deadline.cancel(false);
            inFlight.remove(this);
        }
    }

    /** The body as it arrives, counted against the limit; its end, or its close, ends the request's deadline. */
    private final class BoundedBody extends FilterInputStream {
        private final Request request;
        private long read;

        BoundedBody(InputStream body, Request request) {
            super(body);
            this.request = request;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw request.reason() != null ? request.reason() : e;
            }
            if (request.reason() != null) {
                throw request.reason();
            }
            if (n < 0) {
                request.finish();
                return n;
            }
            read += n;
            if (read > maxAnswerBytes) {
                request.cut("the answer is larger than " + limitText());
                throw request.reason();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            request.finish();
            if (request.reason() == null) {
                super.close();
            }
            // a cut-off answer is not drained: its connection is aborted already
        }
    }
}
