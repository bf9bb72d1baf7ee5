package io.cubeintegration.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Serves the Cube REST API from a {@link SimulatedAccount}: authentication, DRF paging, injected faults and the journal. */
final class CubeHttpHandler implements HttpHandler {

    static final String API_ROOT = "/api/v1/";

    private static final String JSON_TYPE = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SimulatorSettings settings;
    private final SimulatedAccount account;
    private final RequestJournal journal;
    private final FaultPlan faults;
    private final Supplier<String> origin;

    /**
     * Answers already generated, when the settings ask for it: revision, path and query to the answer. Every change to
     * the account bumps its revision, so a cached answer is one of the current version.
     */
    private final Map<String, Reply> answers = new java.util.concurrent.ConcurrentHashMap<>();

    CubeHttpHandler(SimulatorSettings settings, SimulatedAccount account, RequestJournal journal, Supplier<String> origin) {
        this.settings = settings;
        this.account = account;
        this.journal = journal;
        this.faults = new FaultPlan(settings);
        this.origin = origin;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        RequestJournal.Arrival arrival = journal.arrive(method, relativePath(uri.getPath()), uri.getRawQuery(), headers);
        int status = 500;
        try {
            if (settings.latencyMillis() > 0) {
                Thread.sleep(settings.latencyMillis());
            }
            Reply reply = reply(method, uri, headers);
            status = reply.status();
            // the request ends for the journal as its answer starts: a client may send its next request the moment
            // it has read this answer, before this thread is done, and that must not count as overlapping
            arrival.finish(status);
            send(exchange, reply);
        } catch (InterruptedException e) {
            // the simulator is closing
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // a bug in the simulator: answer like Django does instead of dropping the connection
            status = 500;
            send(exchange, json(status, SimulatedAccount.detail("A server error occurred.")));
            throw e;
        } finally {
            arrival.finish(status);
            exchange.close();
        }
    }

    private Reply reply(String method, URI uri, Map<String, String> headers) {
        String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        FaultPlan.Decision decision = faults.decide(method, pathAndQuery);
        switch (decision.fault()) {
            case THROTTLED: {
                int wait = settings.retryAfterSeconds();
                return json(429, SimulatedAccount.detail("Request was throttled. Expected available in " + wait + " seconds."))
                        .withHeader("Retry-After", Integer.toString(wait));
            }
            case PROXY_ERROR:
                return proxyError(decision.status());
            case TRUNCATED: {
                Reply whole = serve(method, uri, headers);
                return whole.status() == 200 ? whole.truncated() : whole;
            }
            default:
                return serve(method, uri, headers);
        }
    }

    private Reply serve(String method, URI uri, Map<String, String> headers) {
        String path = uri.getPath();
        if (!(path + "/").startsWith(API_ROOT)) {
            return json(404, SimulatedAccount.detail("Not found."));
        }
        String failedAuthentication = authenticationFailure(headers.get("authorization"));
        if (failedAuthentication != null) {
            return json(401, SimulatedAccount.detail(failedAuthentication)).withHeader("WWW-Authenticate", "Token");
        }
        if (!method.equals("GET")) {
            return json(405, SimulatedAccount.detail("Method \"" + method + "\" not allowed.")).withHeader("Allow", "GET");
        }
        if (settings.forbiddenPath() != null && relativePath(path).startsWith(settings.forbiddenPath())) {
            return json(403, SimulatedAccount.detail("You do not have permission to perform this action."));
        }
        // an answer in an unstable order is its request's own: caching it would serve one order to every request
        if (settings.cacheAnswers() && !account.orderUnstable()) {
            // the revision is read before generating, and bumped only after a change is in place: never stale
            String key = account.revision() + " " + uri.getRawPath() + "?" + uri.getRawQuery();
            Reply cached = answers.get(key);
            if (cached == null) {
                cached = generate(uri);
                if (cached.status() == 200) {
                    answers.put(key, cached);
                }
            }
            return cached;
        }
        return generate(uri);
    }

    private Reply generate(URI uri) {
        String path = uri.getPath();
        Query query = Query.parse(uri.getRawQuery());
        try {
            Answer answer = account.answer(relativePath(path), query.values());
            if (answer instanceof Answer.Listing listing) {
                return page(listing, uri.getRawPath(), query);
            }
            return json(200, ((Answer.Document) answer).body());
        } catch (SimulatedHttpError error) {
            return json(error.status(), error.body());
        }
    }

    private String authenticationFailure(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "Authentication credentials were not provided.";
        }
        String[] parts = authorization.trim().split(" +", 2);
        String scheme = parts[0].toLowerCase(Locale.ROOT);
        String credentials = parts.length > 1 ? parts[1] : "";
        if (scheme.equals("token")) {
            return credentials.equals(settings.token()) && !account.tokenRevoked() ? null : "Invalid token.";
        }
        if (scheme.equals("basic")) {
            String expected = settings.username() + ":" + settings.password();
            try {
                String given = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
                return given.equals(expected) ? null : "Invalid username/password.";
            } catch (IllegalArgumentException e) {
                return "Invalid basic header. Credentials not correctly base64 encoded.";
            }
        }
        // like DRF, an unknown scheme counts as no credentials at all
        return "Authentication credentials were not provided.";
    }

    /** One DRF page: {@code count}, absolute {@code next}/{@code previous} links and the page's {@code results}. */
    private Reply page(Answer.Listing listing, String rawPath, Query query) {
        int pageSize = settings.pageSize(listing.pageKind());
        long count = listing.records().size();
        long lastPage = Math.max(1, (count + pageSize - 1) / pageSize);
        String requested = query.values().get("page");
        long page;
        if (requested == null) {
            page = 1;
        } else if (requested.equals("last")) {
            page = lastPage;
        } else if (requested.matches("[0-9]{1,18}")) {
            page = Long.parseLong(requested);
        } else {
            page = 0;
        }
        if (page < 1 || page > lastPage) {
            return json(404, SimulatedAccount.detail("Invalid page."));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("count", count);
        String next = null;
        if (page < lastPage) {
            next = link(rawPath, query, page + 1);
        } else if (settings.nextLoop()) {
            // back to what page 1 offered as next, so a client that follows blindly never ends
            next = link(rawPath, query, Math.min(2, lastPage));
        }
        body.put("next", next);
        body.put("previous", page > 1 ? link(rawPath, query, page - 1) : null);
        body.putArray("results").addAll(listing.records().slice((page - 1) * pageSize, pageSize));
        return json(200, body);
    }

    private String link(String rawPath, Query query, long page) {
        URI base = settings.nextLinkBase();
        String linkOrigin = base != null ? base.getScheme() + "://" + base.getRawAuthority() : origin.get();
        List<String> pairs = new ArrayList<>(query.rawPairsWithout("page"));
        pairs.add("page=" + page);
        return linkOrigin + rawPath + "?" + String.join("&", pairs);
    }

    static String relativePath(String path) {
        if (path.startsWith(API_ROOT)) {
            return path.substring(API_ROOT.length());
        }
        return (path + "/").equals(API_ROOT) ? "" : path;
    }

    private static Reply proxyError(int status) {
        String reason = switch (status) {
            case 502 -> "502 Bad Gateway";
            case 503 -> "503 Service Temporarily Unavailable";
            default -> "504 Gateway Time-out";
        };
        String html = "<html>\r\n<head><title>" + reason + "</title></head>\r\n<body>\r\n<center><h1>" + reason
                + "</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";
        return new Reply(status, "text/html", html.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Reply json(int status, String body) {
        return new Reply(status, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, JSON_TYPE, MAPPER.writeValueAsBytes(body), Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        reply.headers().forEach(exchange.getResponseHeaders()::set);
        byte[] body = reply.body();
        if (body.length == 0 || exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private record Reply(int status, String contentType, byte[] body, Map<String, String> headers) {

        Reply withHeader(String name, String value) {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name, value);
            return new Reply(status, contentType, body, more);
        }

        /** The first half of the body, announced with its own length: a complete HTTP answer holding broken JSON. */
        Reply truncated() {
            return new Reply(status, contentType, Arrays.copyOf(body, body.length / 2), headers);
        }
    }

    /** The query string both decoded, for the endpoints, and raw, to build paging links from the client's own encoding. */
    private record Query(Map<String, String> values, List<String[]> rawPairs) {

        static Query parse(String rawQuery) {
            Map<String, String> values = new LinkedHashMap<>();
            List<String[]> rawPairs = new ArrayList<>();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    if (pair.isEmpty()) {
                        continue;
                    }
                    int equals = pair.indexOf('=');
                    String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                    String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                    values.put(name, value);
                    rawPairs.add(new String[] {name, pair});
                }
            }
            return new Query(values, rawPairs);
        }

        List<String> rawPairsWithout(String name) {
            return rawPairs.stream().filter(pair -> !pair[0].equals(name)).map(pair -> pair[1]).toList();
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a malformed escape is kept as sent, like Django does
                return text;
            }
        }
    }
}
