package io.cubeintegration.simulator;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Random streams derived from a tuple of numbers, so any generated record can be recomputed from its coordinates alone. */
final class DeterministicRandom {

    private DeterministicRandom() {
    }

    static SplittableRandom of(long... coordinates) {
        return new SplittableRandom(mix(coordinates));
    }

    static long mix(long... coordinates) {
        long state = 0x9E3779B97F4A7C15L;
        for (long coordinate : coordinates) {
            state = splitMix(state ^ splitMix(coordinate + 0x632BE59BD9B4E019L));
        }
        return state;
    }

    /** A 64-bit FNV-1a hash of the UTF-8 bytes: stable across JVMs, unlike identity hashes. */
    static long hash(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= 0x100000001b3L;
        }
        return hash;
    }

    private static long splitMix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
