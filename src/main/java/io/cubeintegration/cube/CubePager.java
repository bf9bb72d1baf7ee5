package io.cubeintegration.cube;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The pagination loop: follows {@code next} until it is null and yields one page at a time, fetching a page only when
 * the route asks for it, so a run holds about one page in memory however large the result. Accepts DRF paged objects
 * and plain arrays. Every {@code next} is re-based onto the configured host; a link already fetched stops the run.
 */
public final class CubePager {

    private final CubeClient client;
    private final ObjectMapper mapper;

    public CubePager(CubeClient client, ObjectMapper mapper) {
        this.client = client;
        this.mapper = mapper;
    }

    /** A lazy sequence of the pages of one request; each {@code next()} costs one HTTP call. */
    public Iterator<CubePage> pages(PagedRequest request) {
        return new PageIterator(request);
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
                        + " holds a record that is not a JSON object: " + abbreviate(record.toString()));
            }
            records.add((ObjectNode) record);
        }
        String nextLink = next == null || next.isNull() || next.asText().isBlank() ? null : next.asText();
        return new ParsedPage(new CubePage(number, response.url(), count, Instant.now(), records), nextLink);
    }

    private static String parseProblem(IOException e) {
        return e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }

    /** Pulls the next page on demand; remembers every URL fetched so a repeated link is caught as a loop. */
    private final class PageIterator implements Iterator<CubePage> {

        private final PagedRequest request;
        private final Set<URI> fetched = new HashSet<>();
        private URI nextUrl;
        private int number;

        PageIterator(PagedRequest request) {
            this.request = request;
            this.nextUrl = client.connection().resolve(request.path(), request.query());
        }

        @Override
        public boolean hasNext() {
            return nextUrl != null;
        }

        @Override
        public CubePage next() {
            if (nextUrl == null) {
                throw new NoSuchElementException();
            }
            URI url = nextUrl;
            number++;
            if (!fetched.add(url)) {
                throw new CubeApiException("feed " + request.feedId() + ": pagination loop: page " + (number - 1)
                        + " links back to " + url + ", which was already fetched; stopping");
            }
            int pageNumber = number;
            ParsedPage parsed = client.get(request.feedId(), url, response -> {
                if (!response.isSuccess()) {
                    throw httpError(request.feedId(), response);
                }
                return parse(request.feedId(), response, pageNumber);
            });
            nextUrl = parsed.next() == null ? null : resolveNext(parsed.next(), url);
            request.pageFetched(parsed.page());
            return parsed.page();
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
}
