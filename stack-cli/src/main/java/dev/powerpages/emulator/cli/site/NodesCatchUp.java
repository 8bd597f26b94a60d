package dev.powerpages.emulator.cli.site;

import dev.powerpages.emulator.cli.http.Await;
import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.http.HttpException;
import dev.powerpages.emulator.cli.http.SiteUrl;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * Waits until every app node serves the site the store holds since a given instant. A node follows the store's
 * change tracking: every change-poll interval ({@code changePollIntervalMs} of {@code /_services/about}) it asks
 * what changed and reloads its snapshot if anything did ({@code siteLoadedAt} of {@code /_services/health} moves).
 * So a node is current once it is {@code Healthy} (its last refresh succeeded), at least two poll intervals have
 * passed since the store's change (it has asked since, and reloaded if there was anything), and its snapshot has not
 * changed for one interval (a reload that began before the change and ended after it is followed by another, which
 * this waits for). A node that had nothing to reload (the same site again) is current too.
 */
public final class NodesCatchUp {

    /** How a node stood when the wait ended. */
    public record NodeState(String status, Instant siteLoadedAt, String website, String reasons) {}

    private final Http http;
    private final Map<String, String> nodes;
    private final Clock clock;
    private final Duration pause;

    public NodesCatchUp(Http http, Map<String, String> nodes) {
        this(http, nodes, Clock.systemUTC(), Duration.ofMillis(250));
    }

    NodesCatchUp(Http http, Map<String, String> nodes, Clock clock, Duration pause) {
        this.http = http;
        this.nodes = nodes;
        this.clock = clock;
        this.pause = pause;
    }

    /**
     * @param since   when the store's site changed (null: any time before now)
     * @param timeout how long to wait at most
     * @return each node's state once all are current
     * @throws HttpException naming the nodes that are not current, and why, when the time is up
     */
    public Map<String, NodeState> await(Instant since, Duration timeout) {
        Map<String, Instant> lastLoaded = new LinkedHashMap<>();
        Map<String, Instant> unchangedSince = new LinkedHashMap<>();
        Map<String, Duration> pollIntervals = new LinkedHashMap<>();
        return new Await(clock, pause).until("the app nodes", timeout, () -> {
            Map<String, NodeState> states = new LinkedHashMap<>();
            boolean allCurrent = true;
            Instant now = clock.instant();
            for (Map.Entry<String, String> node : nodes.entrySet()) {
                NodeState state = state(node.getValue());
                states.put(node.getKey(), state);
                Duration poll = pollIntervals.computeIfAbsent(node.getKey(), name -> pollInterval(node.getValue()));
                if (!Objects.equals(lastLoaded.get(node.getKey()), state.siteLoadedAt())
                        || !unchangedSince.containsKey(node.getKey())) {
                    lastLoaded.put(node.getKey(), state.siteLoadedAt());
                    // a snapshot loaded before we first looked has been unchanged since it was loaded
                    Instant from = unchangedSince.containsKey(node.getKey()) || state.siteLoadedAt() == null
                            ? now
                            : state.siteLoadedAt();
                    unchangedSince.put(node.getKey(), from);
                }
                boolean healthy = "Healthy".equals(state.status());
                boolean askedSince = since == null
                        || !now.isBefore(since.plus(poll.multipliedBy(2)).plusSeconds(1));
                boolean settled = !now.isBefore(
                        unchangedSince.get(node.getKey()).plus(poll).plusMillis(500));
                allCurrent &= healthy && askedSince && settled;
            }
            return allCurrent ? Await.Look.done(states) : Await.Look.notYet(notCurrent(states, timeout));
        });
    }

    private static String notCurrent(Map<String, NodeState> states, Duration timeout) {
        StringBuilder why = new StringBuilder(
                "the app nodes did not take up the store's site within " + timeout.toSeconds() + " s:");
        states.forEach((name, state) -> why.append("\n  ")
                .append(name)
                .append(": ")
                .append(state.status())
                .append(state.siteLoadedAt() == null ? "" : ", site loaded at " + state.siteLoadedAt())
                .append(state.reasons() == null || state.reasons().isBlank() ? "" : " (" + state.reasons() + ")"));
        return why.toString();
    }

    private NodeState state(String url) {
        Http.Response response;
        try {
            response = http.get(SiteUrl.resolve(url, "/_services/health"), Map.of("Accept", "application/json"));
        } catch (HttpException e) {
            return new NodeState("unreachable", null, null, e.getMessage());
        }
        JsonNode health;
        try {
            health = response.json();
        } catch (HttpException e) {
            return new NodeState("answered " + response.status(), null, null, null);
        }
        StringBuilder reasons = new StringBuilder();
        health.path("reasons")
                .forEach(reason -> reasons.append(reasons.isEmpty() ? "" : "; ").append(reason.asString()));
        return new NodeState(
                StoreSite.text(health.path("status")),
                StoreSite.instant(health.path("siteLoadedAt")),
                StoreSite.text(health.path("website")),
                reasons.toString());
    }

    private Duration pollInterval(String url) {
        try {
            JsonNode about =
                    http.getJson(SiteUrl.resolve(url, "/_services/about"), Map.of("Accept", "application/json"));
            if (about.path("changePollIntervalMs").isNumber()) {
                return Duration.ofMillis(about.path("changePollIntervalMs").asLong());
            }
        } catch (HttpException e) {
            // the node's default
        }
        return Duration.ofSeconds(2);
    }
}
