package io.cubeintegration.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorDeterminismTest {

    private static final List<String> PATHS = List.of(
            "campaigns",
            "campaigns/926/responses/?from_date=20230301&to_date=20230302&page=3",
            "campaigns/927/call_outcomes/?from_date=20230301&to_date=20230301",
            "campaigns/998/sms/",
            "campaigns/998/callflow_customers/?call_state=Callback",
            "assignments/240/customers/?page=2",
            "assignments/241/callflow_customers/",
            "assignments/241/crm_custom_fields/",
            "assignments/241/customers/11286007",
            "data_owners/240/crm/B2C/call_outcomes/?from_date=20230301&to_date=20230301");

    // two simulators with the same seed serve identical bytes on every endpoint; another seed serves other data
    @Test
    void sameSeedServesIdenticalBytes() {
        SimulatorSettings settings = SimulatorSettings.builder().today(LocalDate.of(2023, 3, 1)).build();
        try (CubeSimulator first = CubeSimulator.start(settings);
             CubeSimulator second = CubeSimulator.start(settings);
             CubeSimulator otherSeed = CubeSimulator.start(settings.toBuilder().seed(43).build())) {
            CubeTestClient firstClient = new CubeTestClient(first);
            CubeTestClient secondClient = new CubeTestClient(second);
            for (String path : PATHS) {
                byte[] firstBody = firstClient.get(path).body();
                byte[] secondBody = secondClient.get(path).body();
                // links carry each simulator's own port, the only part that may differ
                assertArrayEquals(withoutPort(firstBody, first), withoutPort(secondBody, second), path);
            }
            byte[] otherCustomers = new CubeTestClient(otherSeed).get("assignments/240/customers/?page=2").body();
            assertFalse(Arrays.equals(withoutPort(firstClient.get("assignments/240/customers/?page=2").body(), first),
                    withoutPort(otherCustomers, otherSeed)));
            assertEquals(first.account().campaigns(), otherSeed.account().campaigns());
        }
    }

    private static byte[] withoutPort(byte[] body, CubeSimulator simulator) {
        return new String(body, StandardCharsets.UTF_8).replace(":" + simulator.port() + "/", ":PORT/")
                .getBytes(StandardCharsets.UTF_8);
    }
}
