package dev.powerpages.emulator.gateway.edge;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.web.server.ServerWebExchange;

/**
 * Azure Front Door's per-request reference: {@code X-Azure-Ref}, a unique string on every
 * response (and on the request to the origin) that names the request in the edge's logs. The
 * value follows Front Door's current shape, a UTC timestamp to the second and a random part:
 * {@code yyyyMMdd'T'HHmmss'Z'-} and 20 lower-case hex digits (80 random bits).
 *
 * <p>The reference has to be unique, not unpredictable (it is printed on every response and names nothing secret), so
 * the random part comes from {@link ThreadLocalRandom} rather than {@code SecureRandom}, and the timestamp is formatted
 * once per second: both were a visible share of a CDN hit's CPU (issue 16, docs/benchmarks.md). Two references collide
 * only if 80 random bits do within the same second.
 */
public final class EdgeReference {

    public static final String HEADER = "X-Azure-Ref";

    static final String ATTRIBUTE = EdgeReference.class.getName();

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** "yyyyMMddTHHmmssZ": 16 characters. */
    private static final int TIMESTAMP_LENGTH = 16;

    private static final int RANDOM_HEX_DIGITS = 20;

    /** The current second and its formatted timestamp, replaced together when the second changes. */
    private static volatile Second second = Second.of(Instant.now().getEpochSecond());

    private EdgeReference() {}

    public static String newReference() {
        return newReference(Instant.now().getEpochSecond());
    }

    static String newReference(long epochSecond) {
        Second current = second;
        if (current.epochSecond() != epochSecond) {
            current = Second.of(epochSecond);
            second = current;
        }
        char[] reference = new char[TIMESTAMP_LENGTH + 1 + RANDOM_HEX_DIGITS];
        System.arraycopy(current.timestamp(), 0, reference, 0, TIMESTAMP_LENGTH);
        reference[TIMESTAMP_LENGTH] = '-';
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong();
        int low = random.nextInt();
        int at = TIMESTAMP_LENGTH + 1;
        for (int shift = 60; shift >= 0; shift -= 4) {
            reference[at++] = HEX[(int) (high >>> shift) & 0xf];
        }
        for (int shift = 12; shift >= 0; shift -= 4) {
            reference[at++] = HEX[(low >>> shift) & 0xf];
        }
        return new String(reference);
    }

    /** The reference of the exchange, made up on the spot if the filter has not run. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttributes()
                .computeIfAbsent(ATTRIBUTE, key -> newReference())
                .toString();
    }

    private record Second(long epochSecond, char[] timestamp) {

        static Second of(long epochSecond) {
            return new Second(
                    epochSecond,
                    TIMESTAMP
                            .format(Instant.ofEpochSecond(epochSecond).atZone(ZoneOffset.UTC))
                            .toCharArray());
        }
    }
}
