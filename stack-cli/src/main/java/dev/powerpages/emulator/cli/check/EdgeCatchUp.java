package dev.powerpages.emulator.cli.check;

import dev.powerpages.emulator.cli.http.Await;
import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.http.HttpException;
import dev.powerpages.emulator.cli.http.SiteUrl;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * Waits until the gateway knows where to send visitors. The gateway asks the traffic manager for the profile's answer
 * at a visitor's first request (as Front Door resolves its origin's name) and, with no earlier answer, answers 503
 * {@code NoOriginAvailable} or {@code TrafficManagerUnreachable} until it has one (docs/cdn.md). Right after {@code
 * ./stack up} on a busy machine the traffic manager's first answer can take longer than the gateway's lookup timeout;
 * every page of a check started then would fail for the stack's start, not for the site. So the check asks the home
 * page until the answer is anything else, as the app nodes' catch-up waits for their snapshots.
 */
final class EdgeCatchUp {

    private static final Duration PAUSE = Duration.ofMillis(250);

    private final Http http;
    private final String gateway;
    private final Clock clock;

    EdgeCatchUp(Http http, String gateway, Clock clock) {
        this.http = http;
        this.gateway = gateway;
        this.clock = clock;
    }

    /** @throws HttpException with the gateway's last answer when it still has no origin after the timeout */
    void await(Duration timeout) {
        new Await(clock, PAUSE).until("the gateway", timeout, () -> {
            String why = noOrigin();
            return why == null
                    ? Await.Look.done(true)
                    : Await.Look.notYet("the gateway at " + gateway + " knew no origin within " + timeout.toSeconds()
                            + " s: " + why);
        });
    }

    /** Why the gateway cannot send a visitor anywhere yet, or null once it can. */
    private String noOrigin() {
        Http.Response response;
        try {
            response = http.get(SiteUrl.resolve(gateway, "/"), Map.of("Accept", "text/html"));
        } catch (HttpException unreachable) {
            return unreachable.getMessage();
        }
        if (response.status() != 503) {
            return null;
        }
        String code;
        try {
            code = response.json().path("error").path("code").asString("");
        } catch (HttpException notTheEdgesOwn) {
            return null; // a 503 of the site's own: the gateway reached an origin
        }
        return code.equals("NoOriginAvailable") || code.equals("TrafficManagerUnreachable") ? "503 " + code : null;
    }
}
