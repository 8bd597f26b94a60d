package dev.powerpages.emulator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RequestRatesTest {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private final RequestRates rates = new RequestRates(5 * SECOND);

    @Test
    void aRegionsRateIsItsCounterIncreaseOverTheWindow() {
        rates.record(0, Map.of("northeurope", 100.0, "westeurope", 7.0));
        rates.record(SECOND, Map.of("northeurope", 120.0, "westeurope", 7.0));
        Map<String, Double> now = rates.record(2 * SECOND, Map.of("northeurope", 140.0, "westeurope", 7.0));

        assertThat(now).containsEntry("northeurope", 20.0).containsEntry("westeurope", 0.0);
    }

    @Test
    void onlyTheLastSecondsCountSoATrafficChangeShowsWithinTheWindow() {
        for (int s = 0; s <= 10; s++) {
            rates.record(s * SECOND, Map.of("northeurope", 100.0 * s));
        }
        // traffic stops: the counter stays; after the window the rate reads 0
        Map<String, Double> later = Map.of();
        for (int s = 11; s <= 17; s++) {
            later = rates.record(s * SECOND, Map.of("northeurope", 1000.0));
        }

        assertThat(later).containsEntry("northeurope", 0.0);
    }

    @Test
    void aCounterThatGoesDownStartsAfreshInsteadOfANegativeRate() {
        rates.record(0, Map.of("northeurope", 5000.0));
        rates.record(SECOND, Map.of("northeurope", 3.0)); // the gateway restarted
        Map<String, Double> now = rates.record(2 * SECOND, Map.of("northeurope", 13.0));

        assertThat(now).containsEntry("northeurope", 10.0);
    }
}
