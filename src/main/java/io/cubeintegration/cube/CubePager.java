package io.cubeintegration.cube;

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

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.cube.PageAnswers.PageAnswer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;

/**
 * The pagination loop: follows {@code next} until it is null and yields one page at a time, in Cube's order, fetching
 * at most a few pages ahead of the route, so a run holds a handful of pages in memory however large the result. Accepts DRF paged objects
 * and plain arrays. Every {@code next} is re-based onto the configured host; a link already fetched stops the run.
 */
public final class CubePager {

    private final CubeClient client;
    private final PageAnswers answers;
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
        this.answers = new PageAnswers(mapper);
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
        return fetchAll(feedId, path, () -> { });
    }

    /** The same, telling {@code sent} of every request. */
    public List<ObjectNode> fetchAll(String feedId, String path, Runnable sent) {
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

            @Override
            public void requestSent() {
                sent.run();
            }
        }).forEachRemaining(page -> records.addAll(page.records()));
        return records;
    }

    /** The records of an answer already fetched (the start-up check's campaigns list), as a page of them is read. */
    public List<ObjectNode> records(String feedId, CubeResponse response) {
        return answers.read(feedId, response, 1).page().records();
    }

    static CubeApiException httpError(String feedId, CubeResponse response) {
        return new CubeApiException("feed " + feedId + ": Cube answered HTTP " + response.status() + " for GET "
                + response.url() + (response.body().length == 0 ? "" : ": " + response.bodyExcerpt()),
                response.status(), null);
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
        private final URI list;
        private boolean fetchAhead;
        private PageAnswer first;
        private final Set<URI> fetched = new HashSet<>();
        private final Deque<Ahead> ahead = new ArrayDeque<>();
        /** A tail read not yet begun: its page is the first asked for. */
        private PageTail tail;
        private URI nextUrl;
        private int number;
        private int lastPage;
        private int submitted;
        /** A page's URL whose page number the pages fetched ahead replace. */
        private URI numbered;

        private record Ahead(int number, URI url, CompletableFuture<PageAnswer> page) {
        }

        PageIterator(PagedRequest request, boolean fetchAhead, BooleanSupplier abandoned) {
            this.request = request;
            this.abandoned = abandoned;
            this.fetchAhead = fetchAhead;
            this.list = client.connection().resolve(request.path(), request.query());
            this.tail = request.tail();
            this.nextUrl = tail == null ? list : PageNumbers.pageUrl(list, tail.page());
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
            if (tail != null) {
                CubePage after = readTail();
                if (after != null) {
                    return after;
                }
            }
            URI url = nextUrl;
            // a page that fails ends the sequence: nothing asks for it a second time as if it were a loop
            nextUrl = null;
            number++;
            remember(url);
            PageAnswer parsed = fetch(url, number);
            nextUrl = parsed.next() == null ? null : resolveNext(parsed.next(), url);
            if (number == 1 && nextUrl != null) {
                first = parsed;
                planAhead(parsed, parsed.page().size());
            }
            request.pageFetched(parsed.page());
            return parsed.page();
        }

        /**
         * The tail's page: when the records known there are still there, unchanged and in their places, and Cube's
         * count and page size agree with the earlier read, the page's new records (maybe none), and the read goes on
         * with {@code next}. Otherwise the list moved under us: the request hears why, and the read starts over at
         * page 1 (null returned, nothing yielded).
         */
        private CubePage readTail() {
            PageTail wanted = tail;
            tail = null;
            URI url = nextUrl;
            nextUrl = null;
            number = wanted.page();
            remember(url);
            PageAnswer parsed = client.get(request.feedId(), url, response -> {
                if (response.status() == 404) {
                    return null;
                }
                if (!response.isSuccess()) {
                    throw httpError(request.feedId(), response);
                }
                return answers.read(request.feedId(), response, wanted.page());
            }, request::requestSent);
            String moved = parsed == null ? "page-missing" : movedSince(wanted, parsed);
            if (moved == null) {
                CubePage page = parsed.page();
                nextUrl = parsed.next() == null ? null : resolveNext(parsed.next(), url);
                if (nextUrl != null && wanted.pageSize() > 0) {
                    planAhead(parsed, wanted.pageSize());
                }
                CubePage after = page.after(wanted.knownOnPage(), wanted.knownOnPage());
                request.pageFetched(after);
                return after;
            }
            request.tailRefused(moved, switch (moved) {
                case "page-missing" -> "Cube has no page " + wanted.page() + " any more (404)";
                case "unknown-shape" -> "page " + wanted.page() + " carries no count";
                case "count-shrank" -> "Cube counts " + parsed.page().count() + " records, " + wanted.known() + " before";
                case "page-size" -> "page " + wanted.page() + " holds " + parsed.page().size() + " of " + parsed.page().count()
                        + " records, not what pages of " + wanted.pageSize() + " hold";
                default -> "the " + wanted.knownOnPage() + " records known on page " + wanted.page() + " are not all there, unchanged and in their places";
            });
            // from page 1, as a first read: the tail's page is fetched again in its turn
            fetched.clear();
            number = 0;
            nextUrl = list;
            return null;
        }

        /** Why the list moved since it was read, by what its tail's page says, or null when it did not. */
        private String movedSince(PageTail wanted, PageAnswer parsed) {
            CubePage page = parsed.page();
            long count = page.count();
            if (count < 0) {
                return "unknown-shape";
            }
            if (count < wanted.known()) {
                return "count-shrank";
            }
            if (wanted.pageSize() > 0) {
                long pages = (count + wanted.pageSize() - 1) / wanted.pageSize();
                long expected = wanted.page() < pages ? wanted.pageSize() : count - (long) (wanted.page() - 1) * wanted.pageSize();
                if (page.size() != expected) {
                    return "page-size";
                }
            } else if (parsed.next() == null && page.size() != count) {
                return "page-size";
            }
            if (page.size() < wanted.knownOnPage() || !wanted.stillThere().test(page.records().subList(0, wanted.knownOnPage()))) {
                return "page-changed";
            }
            return null;
        }

        @Override
        public void fetchAhead() {
            if (!fetchAhead) {
                fetchAhead = true;
                if (first != null && number == 1) {
                    planAhead(first, first.page().size());
                }
            }
        }

        /**
         * From a page Cube linked on from (page 1, or a tail read's page): the page count, if Cube gave one and the link
         * is DRF's next page number; then the first pages ahead.
         */
        private void planAhead(PageAnswer from, int size) {
            long count = from.page().count();
            int at = from.page().number();
            if (!fetchAhead || prefetch < 2 || size == 0 || count <= (long) at * size
                    || !Integer.toString(at + 1).equals(PageNumbers.pageNumberOf(nextUrl))) {
                return;
            }
            lastPage = (int) Math.min(Integer.MAX_VALUE, (count + size - 1) / size);
            numbered = nextUrl;
            submitted = at;
            nextUrl = null;
            topUp();
        }

        private void topUp() {
            while (ahead.size() < prefetch && submitted < lastPage) {
                int page = ++submitted;
                URI url = PageNumbers.withPage(numbered, page);
                remember(url);
                ahead.add(new Ahead(page, url, CompletableFuture.supplyAsync(() -> fetch(url, page), prefetchPool)));
            }
        }

        private CubePage deliverAhead() {
            Ahead next = ahead.removeFirst();
            PageAnswer parsed;
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

        private PageAnswer fetch(URI url, int pageNumber) {
            return client.get(request.feedId(), url, response -> {
                if (!response.isSuccess()) {
                    throw httpError(request.feedId(), response);
                }
                return answers.read(request.feedId(), response, pageNumber);
            }, request::requestSent);
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
