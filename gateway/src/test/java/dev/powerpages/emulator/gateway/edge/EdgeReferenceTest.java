package dev.powerpages.emulator.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EdgeReferenceTest {

    @Test
    void aReferenceIsTheUtcSecondAndTwentyHexDigits() {
        long second = Instant.parse("2026-12-06T01:02:03Z").getEpochSecond();

        String reference = EdgeReference.newReference(second);

        assertThat(reference).matches("20261206T010203Z-[0-9a-f]{20}");
    }

    @Test
    void theTimestampFollowsTheClockFromOneSecondToTheNext() {
        long second = Instant.parse("2026-12-31T23:59:59Z").getEpochSecond();

        assertThat(EdgeReference.newReference(second)).startsWith("20261231T235959Z-");
        assertThat(EdgeReference.newReference(second + 1)).startsWith("20270101T000000Z-");
        assertThat(EdgeReference.newReference(second)).startsWith("20261231T235959Z-");
        assertThat(EdgeReference.newReference()).matches("\\d{8}T\\d{6}Z-[0-9a-f]{20}");
    }

    @Test
    void referencesMadeInTheSameSecondAreAllDifferent() {
        long second = Instant.now().getEpochSecond();
        Set<String> references = new HashSet<>();
        List<Set<Character>> digitsAtPosition = new ArrayList<>();
        for (int position = 0; position < 20; position++) {
            digitsAtPosition.add(new HashSet<>());
        }

        for (int i = 0; i < 100_000; i++) {
            String reference = EdgeReference.newReference(second);
            references.add(reference);
            for (int position = 0; position < 20; position++) {
                digitsAtPosition.get(position).add(reference.charAt(17 + position));
            }
        }

        assertThat(references).hasSize(100_000);
        // no position of the random part is fixed: each takes all sixteen digits
        assertThat(digitsAtPosition).allSatisfy(digits -> assertThat(digits).hasSize(16));
    }
}
