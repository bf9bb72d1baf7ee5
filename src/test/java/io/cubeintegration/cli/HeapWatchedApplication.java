package io.cubeintegration.cli;

import java.util.Locale;

/**
 * The application as the benchmark runs it: the same main class, its heap watched from start to exit, the figures
 * printed last ({@code heap: peak 130.2 MB, live after GC at most 82.0 MB}), then the process's CPU by kind of thread. Measuring is the benchmark's business,
 * not the product's.
 */
public final class HeapWatchedApplication {

    private HeapWatchedApplication() {
    }

    public static void main(String[] args) {
        HeapWatch heap = new HeapWatch();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            heap.close();
            System.out.printf(Locale.ROOT, "heap: peak %.1f MB%s%n", heap.peakMegabytes(), heap.liveMegabytes() > 0
                    ? String.format(Locale.ROOT, ", live after GC at most %.1f MB", heap.liveMegabytes()) : "");
            System.out.printf(Locale.ROOT, "cpu: %.2f s (%s)%n", ThreadCpu.processNanos() / 1e9,
                    ThreadCpu.describe(ThreadCpu.ticksByKind(), java.util.Map.of()));
        }, "heap-figures"));
        CubeIntegrationApplication.main(args);
    }
}
