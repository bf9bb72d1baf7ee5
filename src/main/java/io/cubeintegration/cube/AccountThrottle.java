package io.cubeintegration.cube;

/**
 * A 429 pauses every feed: the wait Cube asked for holds back every request of the account (its {@link AccountPace}),
 * not only the one that got it; every answer and wait is passed on to the observer behind it (the metrics).
 */
final class AccountThrottle implements CubeRequestObserver {

    private final AccountPace pace;
    private final CubeRequestObserver observer;

    AccountThrottle(AccountPace pace, CubeRequestObserver observer) {
        this.pace = pace;
        this.observer = observer;
        observer.watch(pace);
    }

    @Override
    public void answered(String feedId, int status) {
        observer.answered(feedId, status);
    }

    @Override
    public void rateLimited(String feedId, long waitMillis) {
        pace.throttled(waitMillis);
        observer.rateLimited(feedId, waitMillis);
    }
}
