package io.cubeintegration.simulator;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decides which requests fail, from (fault seed, the exact URL, how often that URL was asked before): a run is
 * reproducible, and a retried URL gets a fresh decision so it eventually succeeds.
 */
final class FaultPlan {

    enum Fault { NONE, THROTTLED, PROXY_ERROR, TRUNCATED }

    /** @param status the status of a proxy error, else unused */
    record Decision(Fault fault, int status) {
    }

    private static final int[] PROXY_STATUSES = {502, 503, 504};

    private final SimulatorSettings settings;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    FaultPlan(SimulatorSettings settings) {
        this.settings = settings;
    }

    Decision decide(String method, String pathAndQuery) {
        String request = method + " " + pathAndQuery;
        int attempt = attempts.computeIfAbsent(request, key -> new AtomicInteger()).getAndIncrement();
        SplittableRandom random = DeterministicRandom.of(settings.faultSeed(), DeterministicRandom.hash(request), attempt);
        // one roll split into consecutive bands, so each fault appears at its own rate and a zero rate never hits
        double roll = random.nextDouble();
        if (roll < settings.rate429()) {
            return new Decision(Fault.THROTTLED, 429);
        }
        roll -= settings.rate429();
        if (roll < settings.rate5xx()) {
            return new Decision(Fault.PROXY_ERROR, PROXY_STATUSES[random.nextInt(PROXY_STATUSES.length)]);
        }
        roll -= settings.rate5xx();
        if (roll < settings.rateTruncated()) {
            return new Decision(Fault.TRUNCATED, 200);
        }
        return new Decision(Fault.NONE, 200);
    }
}
