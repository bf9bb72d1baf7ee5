package io.cubeintegration.state;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VersionTableTest {

    // Against a plain map over 200,000 random records with updates and pruning, the table answers the same.
    @Test
    void behavesLikeAMapOfVersionsAndDays() {
        VersionTable table = new VersionTable();
        table.expect(50_000);
        Map<Long, long[]> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200_000; i++) {
            long key = random.nextLong(1, 150_000);
            long version = random.nextLong();
            int day = random.nextInt(10);
            long[] before = reference.put(key, new long[] {version, day});
            assertEquals(before == null ? VersionTable.ABSENT : before[0], table.put(key, version, day));
        }
        assertEquals(reference.size(), table.size());
        table.forgetBefore(5);
        reference.values().removeIf(entry -> entry[1] < 5);
        assertEquals(reference.size(), table.size());
        reference.forEach((key, entry) -> assertEquals(entry[0], table.version(key)));
        Map<Long, Long> walked = new HashMap<>();
        table.forEach((key, version, day) -> walked.put(key, version));
        assertEquals(reference.size(), walked.size());
    }

    // Past the mapped threshold the table moves off the heap into a mapped file and still answers like the map,
    // through growth, forgetting by day and release.
    @Test
    void largeTablesAreMappedAndBehaveTheSame() {
        VersionTable table = new VersionTable();
        Map<Long, long[]> reference = new HashMap<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 400_000; i++) {
            long key = random.nextLong(1, Long.MAX_VALUE);
            long version = random.nextLong();
            int day = random.nextInt(4);
            reference.put(key, new long[] {version, day});
            table.put(key, version, day);
        }
        assertTrue(table.isMapped(), "400,000 records take more than " + VersionTable.MAPPED_FROM_SLOTS + " slots");
        assertEquals(reference.size(), table.size());
        reference.forEach((key, entry) -> assertEquals(entry[0], table.version(key)));
        table.forgetFrom(2);
        reference.values().removeIf(entry -> entry[1] >= 2);
        assertEquals(reference.size(), table.size());
        reference.forEach((key, entry) -> assertEquals(entry[0], table.version(key)));
        table.release();
        assertEquals(0, table.size());
        assertEquals(VersionTable.ABSENT, table.version(reference.keySet().iterator().next()));
    }

    // Hex ids read as their first 64 bits; other text is hashed; neither is ever the empty slot.
    @Test
    void keysOfIdsAndText() {
        assertEquals(0x1234567890abcdefL, VersionTable.key("1234567890abcdef00ff"));
        assertEquals(1L, VersionTable.key("0000000000000000"));
        assertEquals(VersionTable.key("id-1"), VersionTable.key("id-1"));
    }
}
