package io.cubeintegration.cube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.cubeintegration.Patience;

import org.junit.jupiter.api.Test;

class AccountPaceUnitTest {

    // A 429 halves the requests at once; each run of as many successes as the limit grows it back by one, up to the maximum.
    @Test
    void throttlingHalvesAndSuccessesGrowBack() {
        AccountPace pace = new AccountPace(8, 0);
        pace.throttled(0);
        assertEquals(4, pace.limit());
        pace.throttled(0);
        assertEquals(2, pace.limit());
        for (int request = 0; request < 2; request++) {
            pace.acquire();
            pace.release(200);
        }
        assertEquals(3, pace.limit());
        for (int request = 0; request < 100; request++) {
            pace.acquire();
            pace.release(200);
        }
        assertEquals(8, pace.limit());
        pace.acquire();
        pace.release(500);
        assertEquals(8, pace.limit(), "only a 429 lowers the pace");
    }

    // With a rate set, 21 requests take at least a second at 20 per second, and a 429's wait holds the next start back.
    @Test
    void rateAndRetryAfterSpaceTheStarts() {
        AccountPace pace = new AccountPace(8, 20);
        long start = System.nanoTime();
        for (int request = 0; request < 21; request++) {
            pace.acquire();
            pace.release(200);
        }
        assertTrue(System.nanoTime() - start >= 950_000_000L, "20 intervals of 50 ms");

        AccountPace paused = new AccountPace(8, 0);
        paused.throttled(300);
        long before = System.nanoTime();
        paused.acquire();
        assertTrue(System.nanoTime() - before >= 290_000_000L, "no start before the Retry-After has passed");
    }

    // The place a 429 frees goes to nobody before its wait is named: a request waiting for it starts after the wait.
    @Test
    void aThrottledPlaceWaitsForTheWaitToBeNamed() throws Exception {
        AccountPace pace = new AccountPace(1, 0);
        pace.acquire();
        CompletableFuture<Long> next = CompletableFuture.supplyAsync(() -> {
            pace.acquire();
            return System.nanoTime();
        });
        pace.release(429);
        assertFalse(startsWithin(next, 300), "started between the 429 and its named wait");
        long named = System.nanoTime();
        pace.throttled(200);
        assertTrue(next.get(Patience.LONG.toSeconds(), TimeUnit.SECONDS) - named >= 190_000_000L, "started within the named wait");
    }

    // A 429 whose wait nobody names holds the starts back for two seconds at most.
    @Test
    void anUnnamedWaitEnds() {
        AccountPace pace = new AccountPace(1, 0);
        pace.acquire();
        pace.release(429);
        long before = System.nanoTime();
        pace.acquire();
        assertTrue(System.nanoTime() - before >= 1_900_000_000L, "held back");
    }

    private static boolean startsWithin(CompletableFuture<Long> start, long millis) throws Exception {
        try {
            start.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException stillWaiting) {
            return false;
        }
    }
}
