package dev.powerpages.emulator.gateway.edge;

import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import org.springframework.web.server.ServerWebExchange;

/**
 * Azure Front Door's per-request reference: {@code X-Azure-Ref}, a unique string on every
 * response (and on the request to the origin) that names the request in the edge's logs. The
 * value follows Front Door's current shape, a UTC timestamp and a random part.
 */
public final class EdgeReference {

    public static final String HEADER = "X-Azure-Ref";

    static final String ATTRIBUTE = EdgeReference.class.getName();

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private static final SecureRandom RANDOM = new SecureRandom();

    private EdgeReference() {}

    public static String newReference() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return TIMESTAMP.format(ZonedDateTime.now(ZoneOffset.UTC)) + "-"
                + HexFormat.of().formatHex(random);
    }

    /** The reference of the exchange, made up on the spot if the filter has not run. */
    public static String of(ServerWebExchange exchange) {
        return exchange.getAttributes()
                .computeIfAbsent(ATTRIBUTE, key -> newReference())
                .toString();
    }
}
