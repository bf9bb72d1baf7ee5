package io.cubeintegration.cube;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pace of every request to one Cube account, all feeds together: at most {@code cube.max-concurrent-requests} at
 * once, at most {@code cube.max-requests-per-second} if set, and when Cube answers 429 the account slows down by
 * itself: no request starts until the Retry-After has passed, and the number at once halves, growing back by one
 * after each run of successes as long as the limit (additive increase, multiplicative decrease, as TCP does).
 * Instances of a cluster divide the account's limits among themselves ({@link #share}): the limits are the account's,
 * not each instance's.
 */
public final class AccountPace {

    private static final Logger LOG = LoggerFactory.getLogger(AccountPace.class);
    /** The longest a 429 holds every start while nobody names its wait (a caller without the retry policy). */
    private static final long UNNAMED_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private final int accountConcurrent;
    private final double accountPerSecond;
    private int maxConcurrent;
    private long minIntervalNanos;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition changed = lock.newCondition();
    private int limit;
    private int inFlight;
    private int successes;
    private long pausedUntil;
    private long nextStart;
    /** 429s answered whose wait is not named yet ({@link #throttled}): a freed place must not go to a new request first. */
    private int unnamedThrottles;
    private long unnamedUntil;

    /**
     * @param maxConcurrent     requests at once, at most
     * @param requestsPerSecond requests started per second, at most; 0 for no such limit
     */
    public AccountPace(int maxConcurrent, double requestsPerSecond) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("cube.max-concurrent-requests must be at least 1, not " + maxConcurrent);
        }
        if (requestsPerSecond < 0) {
            throw new IllegalArgumentException("cube.max-requests-per-second must be 0 (no limit) or more, not " + requestsPerSecond);
        }
        this.accountConcurrent = maxConcurrent;
        this.accountPerSecond = requestsPerSecond;
        this.maxConcurrent = maxConcurrent;
        this.limit = maxConcurrent;
        this.minIntervalNanos = requestsPerSecond == 0 ? 0 : (long) (1e9 / requestsPerSecond);
        long now = System.nanoTime();
        this.pausedUntil = now;
        this.nextStart = now;
    }

    /** Waits until a request may start, and counts it in flight. */
    public void acquire() {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                if (unnamedThrottles > 0 && now - unnamedUntil >= 0) {
                    unnamedThrottles = 0;
                }
                long wait = Math.max(pausedUntil - now, nextStart - now);
                if (unnamedThrottles > 0) {
                    wait = Math.max(wait, unnamedUntil - now);
                }
                if (inFlight < limit && wait <= 0) {
                    inFlight++;
                    nextStart = Math.max(now, nextStart) + minIntervalNanos;
                    return;
                }
                if (inFlight >= limit) {
                    changed.awaitUninterruptibly();
                } else {
                    changed.awaitNanos(wait);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CubeApiException("interrupted while waiting for a turn to ask Cube");
        } finally {
            lock.unlock();
        }
    }

    /**
     * A request ended with this status (0: no answer); successes let a lowered limit grow back. A 429 holds every
     * start until {@link #throttled} names its wait, so that the place it frees goes to nobody in between.
     */
    public void release(int status) {
        lock.lock();
        try {
            inFlight--;
            if (status == 429) {
                unnamedThrottles++;
                unnamedUntil = System.nanoTime() + UNNAMED_WAIT_NANOS;
            }
            if (status >= 200 && status < 300 && limit < maxConcurrent && ++successes >= limit) {
                limit++;
                successes = 0;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Cube answered 429 and asked for this wait: nothing starts before it has passed, and fewer go at once. */
    public void throttled(long retryAfterMillis) {
        lock.lock();
        try {
            if (unnamedThrottles > 0) {
                unnamedThrottles--;
            }
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryAfterMillis);
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
            int lowered = Math.max(1, limit / 2);
            if (lowered < limit) {
                LOG.warn("Cube is throttling (429): every feed pauses {} ms, then at most {} requests at once (of {})",
                        retryAfterMillis, lowered, maxConcurrent);
            }
            limit = lowered;
            successes = 0;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * This instance is one of {@code instances} that share the account: it takes its part of the account's limits,
     * at least one request at once. A throttled limit stays as low as it is; one at the old part moves to the new.
     *
     * @return the requests at once this instance may have now
     */
    public int share(int instances) {
        lock.lock();
        try {
            int part = Math.max(1, accountConcurrent / Math.max(1, instances));
            if (limit >= maxConcurrent || limit > part) {
                limit = part;
            }
            maxConcurrent = part;
            minIntervalNanos = accountPerSecond == 0 ? 0 : (long) (1e9 * Math.max(1, instances) / accountPerSecond);
            changed.signalAll();
            return part;
        } finally {
            lock.unlock();
        }
    }

    /** No request starts for this long: a new member of a cluster waits until the others have made room for it. */
    public void hold(long millis) {
        lock.lock();
        try {
            long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            if (until - pausedUntil > 0) {
                pausedUntil = until;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The account's limit of requests at once, all instances together. */
    public int accountLimit() {
        return accountConcurrent;
    }

    /** How many requests may be in flight now. */
    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }
}
