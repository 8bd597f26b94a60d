package dev.powerpages.emulator.store;

import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * Tests that need a program outside the JDK (PostgreSQL's server, Node.js): on a machine with only a
 * JDK they are skipped with a note saying what to install, so {@code ./mvnw verify} stays green for a
 * newcomer; where the environment variable {@value #VARIABLE} is {@code required} (CI's {@code .ci/run}
 * sets it after installing them) a missing program fails the test, so CI cannot skip them silently.
 */
public final class ExternalTools {

    public static final String VARIABLE = "POWERPAGES_TEST_TOOLS";

    private ExternalTools() {}

    /** Skips, or fails where the tools are required, unless {@code present}. */
    public static void require(boolean present, String whatIsMissing) {
        if (present) {
            return;
        }
        if ("required".equalsIgnoreCase(System.getenv(VARIABLE))) {
            fail(whatIsMissing + " (" + VARIABLE + "=required)");
        }
        Assumptions.abort("Skipped: " + whatIsMissing + " (set " + VARIABLE + "=required to make this a failure)");
    }
}
