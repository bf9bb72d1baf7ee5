package io.cubeintegration.state;

import java.time.Duration;
import java.time.LocalDate;

/**
 * For the crash tests: a state store that stops the process for good just before or just after a state write of a
 * chosen point ({@code before-state}, {@code after-state}, or either with {@code :<state key>} for one feed's), says
 * so, and waits for the test's SIGKILL. Test code only: {@code CrashPointConfiguration} puts it in front of the real
 * store in the application JVMs the tests start with {@code -Dcube.crash-test.pause=<point>}.
 */
public final class PausingFeedStateStore implements FeedStateStore {

    private final FeedStateStore store;
    private final String pause;

    public PausingFeedStateStore(FeedStateStore store, String pause) {
        this.store = store;
        this.pause = pause;
    }

    @Override
    public FeedLease lease(String feedId, Duration wait) {
        return store.lease(feedId, wait);
    }

    @Override
    public FeedState load(String feedId) {
        return store.load(feedId);
    }

    @Override
    public void save(String feedId, FeedState state) {
        pauseAt("before-state", feedId);
        store.save(feedId, state);
        pauseAt("after-state", feedId);
    }

    @Override
    public void checkpoint(String feedId, FeedState state, VersionTable added, LocalDate day) {
        pauseAt("before-state", feedId);
        store.checkpoint(feedId, state, added, day);
        pauseAt("after-state", feedId);
    }

    @Override
    public void reserve(String feedId, FeedState state, VersionTable page, long sinceMillis) {
        store.reserve(feedId, state, page, sinceMillis);
    }

    @Override
    public void verify(String feedId, FeedState state) {
        store.verify(feedId, state);
    }

    @Override
    public String describe() {
        return store.describe();
    }

    private void pauseAt(String point, String key) {
        if (!point.equals(pause) && !(point + ":" + key).equals(pause)) {
            return;
        }
        System.out.println("cube-integration: paused at " + point + " for a crash test");
        System.out.flush();
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                // only SIGKILL ends this
            }
        }
    }
}
