package io.cubeintegration.cube;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

/**
 * The pagination loop: follows {@code next} until it is null and yields one page at a time, in Cube's order, fetching
 * at most a few pages ahead of the route, so a run holds a handful of pages in memory however large the result. Accepts DRF paged objects
 * and plain arrays. Every {@code next} is re-based onto the configured host; a link already fetched stops the run.
 */
public final class CubePager {

    private final CubeClient client;
    private final ObjectMapper mapper;
    private final ExecutorService prefetchPool;
    private final int prefetch;
    private final int maxPages;
    private final Duration runTimeout;

    /**
     * @param prefetch     how many pages may be fetched ahead of the one the route is at (1: none)
     * @param prefetchPool the threads that fetch them
     * @param maxPages     the most pages one request's run may fetch: a {@code next} chain that never ends stops here
     * @param runTimeout   no page is fetched once this long has passed since the run started
     */
    public CubePager(CubeClient client, ObjectMapper mapper, ExecutorService prefetchPool, int prefetch, int maxPages,
                     Duration runTimeout) {
        this.client = client;
        this.mapper = mapper;
        this.prefetchPool = prefetchPool;
        this.prefetch = prefetch;
        this.maxPages = maxPages;
        this.runTimeout = runTimeout;
    }

    /** A lazy sequence of the pages of one request; each {@code next()} costs one HTTP call. */
    public Iterator<CubePage> pages(PagedRequest request) {
        return new PageIterator(request, true, () -> false);
    }

    /**
     * The pages of a feed's run, as its route splits them: the sequence ends as soon as the run's exchange has
     * failed. Camel's splitter, when it stops on an exception, walks the rest of its iterator to release what it would
     * have made of it; without this end, a run failing at its tenth page would still fetch every later page from Cube.
     */
    public Iterator<CubePage> pages(PagedRequest request, Exchange run) {
        return new PageIterator(request, true, () -> run.getException() != null);
    }

    /**
     * A lazy sequence of pages that fetches nothing ahead until told to: its first page can decide whether the rest
     * is wanted at all (the enrichment's plan) without requests thrown away either way.
     */
    public Pages pagesOnDemand(PagedRequest request) {
        return new PageIterator(request, false, () -> false);
    }

    /** Pages that fetch ahead only from when {@link #fetchAhead()} is called. */
    public interface Pages extends Iterator<CubePage> {
        /** From now on, fetch the pages ahead that page 1's count and links make known. */
        void fetchAhead();
    }

    /** Fetches every record of a small result (the campaigns list) into memory. */
    public List<ObjectNode> fetchAll(String feedId, String path) {
        List<ObjectNode> records = new ArrayList<>();
        pages(new PagedRequest() {
            @Override
            public String feedId() {
                return feedId;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public Map<String, String> query() {
                return Map.of();
            }

            @Override
            public void pageFetched(CubePage page) {
                // nothing to report for a lookup
            }
        }).forEachRemaining(page -> records.addAll(page.records()));
        return records;
    }

    static CubeApiException httpError(String feedId, CubeResponse response) {
        return new CubeApiException("feed " + feedId + ": Cube answered HTTP " + response.status() + " for GET "
                + response.url() + (response.body().length == 0 ? "" : ": " + response.bodyExcerpt()),
                response.status(), null);
    }

    private record ParsedPage(CubePage page, String next) {
    }

    private ParsedPage parse(String feedId, CubeResponse response, int number) {
        JsonNode root;
        try {
            root = mapper.readTree(response.body());
        } catch (IOException e) {
            // a body cut off on the way: asking again usually gets it whole
            throw new CubeApiException("feed " + feedId + ": page " + number + " from " + response.url()
                    + " is not JSON (" + parseProblem(e) + "); body starts: " + response.bodyExcerpt(),
                    response.status(), e, true);
        }
        JsonNode results;
        JsonNode next = null;
        long count = -1;
        if (root != null && root.isArray()) {
            results = root;
        } else if (root != null && root.isObject() && root.path("results").isArray()) {
            results = root.get("results");
            next = root.get("next");
            count = root.path("count").asLong(-1);
        } else {
            throw new CubeApiException("feed " + feedId + ": page " + number + " from " + response.url()
                    + " is neither a JSON array nor an object with a results array; body starts: "
                    + response.bodyExcerpt(), response.status(), null);
        }
        List<ObjectNode> records = new ArrayList<>(results.size());
        for (JsonNode record : results) {
            if (!record.isObject()) {
                throw new CubeApiException("feed " + feedId + ": page " + number + " from " + response.url()
                        + " holds a record that is not a JSON object: " + LogSafe.text(record.toString()));
            }
            records.add((ObjectNode) record);
        }
        String nextLink = next == null || next.isNull() || next.asText().isBlank() ? null : next.asText();
        return new ParsedPage(new CubePage(number, response.url(), count, Instant.now(), records), nextLink);
    }

    private static String parseProblem(IOException e) {
        return LogSafe.text(e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage());
    }

    /**
     * Pulls pages in Cube's order. After page 1, when Cube's {@code count} and a DRF {@code page=2} link tell how many
     * pages there are, it fetches up to {@code prefetch} pages ahead concurrently (URLs built on the configured
     * host, each page's own {@code next} checked as it is delivered); otherwise, and after the last counted page if
     * Cube still links on, it follows {@code next} one page at a time. Every URL fetched is remembered, so a link
     * back to one of them is caught as a loop.
     */
    private final class PageIterator implements Pages {

        private final PagedRequest request;
        private final BooleanSupplier abandoned;
        private boolean fetchAhead;
        private ParsedPage first;
        private final Set<URI> fetched = new HashSet<>();
        private final Deque<Ahead> ahead = new ArrayDeque<>();
        private URI nextUrl;
        private int number;
        private int lastPage;
        private int submitted;
        private URI pageTwo;

        private record Ahead(int number, URI url, CompletableFuture<ParsedPage> page) {
        }

        PageIterator(PagedRequest request, boolean fetchAhead, BooleanSupplier abandoned) {
            this.request = request;
            this.abandoned = abandoned;
            this.fetchAhead = fetchAhead;
            this.nextUrl = client.connection().resolve(request.path(), request.query());
        }

        @Override
        public boolean hasNext() {
            if (abandoned.getAsBoolean()) {
                // nobody will take the pages under way: they are not waited for
                ahead.forEach(pending -> pending.page().cancel(true));
                ahead.clear();
                nextUrl = null;
            }
            return !ahead.isEmpty() || nextUrl != null;
        }

        @Override
        public CubePage next() {
            if (!ahead.isEmpty()) {
                return deliverAhead();
            }
            if (nextUrl == null) {
                throw new NoSuchElementException();
            }
            URI url = nextUrl;
            // a page that fails ends the sequence: nothing asks for it a second time as if it were a loop
            nextUrl = null;
            number++;
            remember(url);
            ParsedPage parsed = fetch(url, number);
            nextUrl = parsed.next() == null ? null : resolveNext(parsed.next(), url);
            if (number == 1 && nextUrl != null) {
                first = parsed;
                planAhead(parsed);
            }
            request.pageFetched(parsed.page());
            return parsed.page();
        }

        @Override
        public void fetchAhead() {
            if (!fetchAhead) {
                fetchAhead = true;
                if (first != null && number == 1) {
                    planAhead(first);
                }
            }
        }

        /** From page 1: the page count, if Cube gave one and its link is DRF's page=2; then the first pages ahead. */
        private void planAhead(ParsedPage first) {
            int size = first.page().size();
            long count = first.page().count();
            if (!fetchAhead || prefetch < 2 || size == 0 || count <= size || !"2".equals(pageNumberOf(nextUrl))) {
                return;
            }
            lastPage = (int) Math.min(Integer.MAX_VALUE, (count + size - 1) / size);
            pageTwo = nextUrl;
            submitted = 1;
            nextUrl = null;
            topUp();
        }

        private void topUp() {
            while (ahead.size() < prefetch && submitted < lastPage) {
                int page = ++submitted;
                URI url = withPage(pageTwo, page);
                remember(url);
                ahead.add(new Ahead(page, url, CompletableFuture.supplyAsync(() -> fetch(url, page), prefetchPool)));
            }
        }

        private CubePage deliverAhead() {
            Ahead next = ahead.removeFirst();
            ParsedPage parsed;
            try {
                parsed = next.page().join();
            } catch (CompletionException e) {
                ahead.forEach(pending -> pending.page().cancel(true));
                ahead.clear();
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
            number = next.number();
            if (parsed.next() == null && number < lastPage) {
                // Cube's count promised more pages than it has: the last real page says so; the pages asked ahead on
                // the count's word (which may answer 404) are not part of the result
                ahead.forEach(pending -> pending.page().cancel(true));
                ahead.clear();
                lastPage = number;
                submitted = number;
            }
            topUp();
            if (number == lastPage && parsed.next() != null) {
                // Cube links on past the pages its count promised (records arrived meanwhile): follow the links
                nextUrl = resolveNext(parsed.next(), next.url());
            }
            request.pageFetched(parsed.page());
            return parsed.page();
        }

        private void remember(URI url) {
            if (!fetched.add(url)) {
                throw new CubeApiException("feed " + request.feedId() + ": pagination loop: page " + number
                        + " links back to " + url + ", which was already fetched; stopping");
            }
            if (fetched.size() > maxPages) {
                throw new CubeLimitException("feed " + request.feedId() + ": stopped after " + maxPages
                        + " pages, the most one run may fetch (cube.max-pages-per-run); Cube still linked on to " + url, null);
            }
            if (Instant.now().isAfter(request.startedAt().plus(runTimeout))) {
                throw new CubeLimitException("feed " + request.feedId() + ": stopped after " + number + " pages: the run"
                        + " has taken longer than " + runTimeout.toSeconds() + " s (cube.run-timeout)", null);
            }
        }

        private ParsedPage fetch(URI url, int pageNumber) {
            return client.get(request.feedId(), url, response -> {
                if (!response.isSuccess()) {
                    throw httpError(request.feedId(), response);
                }
                return parse(request.feedId(), response, pageNumber);
            });
        }

        private URI resolveNext(String link, URI from) {
            try {
                return client.connection().resolveNext(link);
            } catch (CubeApiException e) {
                throw new CubeApiException("feed " + request.feedId() + ": page " + number + " from " + from
                        + ": " + e.getMessage());
            }
        }
    }

    /** The value of the {@code page} query parameter, or null. */
    static String pageNumberOf(URI url) {
        String query = url.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("page=")) {
                return pair.substring("page=".length());
            }
        }
        return null;
    }

    /** The same URL asking for another page. */
    static URI withPage(URI url, int page) {
        String query = url.getRawQuery().replaceAll("(^|&)page=[^&]*", "$1page=" + page);
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + "?" + query);
    }
}
