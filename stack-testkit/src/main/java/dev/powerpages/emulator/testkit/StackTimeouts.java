package dev.powerpages.emulator.testkit;

import java.time.Duration;

/**
 * How long the kit waits. The waits for routing changes derive from the traffic manager profile's
 * own settings (see {@link TrafficManager#failoverBound()}), plus a slack for a busy machine.
 *
 * @param startup how long each service may take to become healthy ({@code -Dpowerpages.stack.startup-timeout=180s})
 * @param failover the profile's documented failover bound
 * @param failback the profile's documented failback bound
 * @param slack added to either bound by the {@code await…} methods ({@code -Dpowerpages.stack.wait-slack=10s})
 */
public record StackTimeouts(Duration startup, Duration failover, Duration failback, Duration slack) {

    static final String STARTUP_PROPERTY = "powerpages.stack.startup-timeout";
    static final String SLACK_PROPERTY = "powerpages.stack.wait-slack";

    /** The longest routing change the awaits allow for: the failover bound plus the slack. */
    public Duration routingChange() {
        return failover.plus(slack);
    }

    static Duration startupFromProperties() {
        return duration(STARTUP_PROPERTY, Duration.ofSeconds(180));
    }

    static Duration slackFromProperties() {
        return duration(SLACK_PROPERTY, Duration.ofSeconds(10));
    }

    /** {@code 90}, {@code 90s}, {@code 500ms} or an ISO-8601 duration ({@code PT90S}). */
    private static Duration duration(String property, Duration fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String text = value.trim();
        try {
            if (text.startsWith("P") || text.startsWith("p")) {
                return Duration.parse(text);
            }
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            if (text.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
            }
            return Duration.ofSeconds(Long.parseLong(text));
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException(
                    property + "=" + value + " is not a duration (e.g. 90s, 500ms, PT2M)", ex);
        }
    }
}
