package dev.powerpages.emulator.dashboard;

import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard shows, as {@code GET /api/dashboard} answers it and the stream pushes it.
 * Figures a service could not give are null (the page shows "n/a"); each component carries a status word
 * and a {@link Tone}.
 */
public record DashboardSnapshot(
        String time,
        Profile profile,
        Gateway gateway,
        List<Node> nodes,
        Store store,
        List<Timeline.Entry> timeline,
        Charts charts) {

    /** A status as the page shows it: a word, its tone and a short explanation. */
    public record Status(String text, Tone tone, String detail) {}

    /**
     * The traffic manager's view of its profile.
     *
     * @param servingEndpoint the endpoint DNS answers with now, or null when it answers NXDOMAIN
     */
    public record Profile(
            String name,
            String fqdn,
            String routingMethod,
            long ttl,
            Status profileMonitorStatus,
            String servingEndpoint,
            boolean allEndpointsDegraded,
            String routingNote) {}

    /**
     * @param origin the endpoint the edge's cached resolve answer names, or null
     * @param requestsPerSecond requests the edge forwarded to each region, per second over the last seconds;
     *        null when the gateway's metrics could not be read
     * @param failedPerSecond requests the gateway answered with a 5xx ({@code outcome="SERVER_ERROR"}), per second
     * @param p95Ms the 95th percentile of the gateway's response times over the last seconds, null when unknown
     */
    public record Gateway(
            String url,
            Status status,
            String origin,
            Boolean originStale,
            Map<String, Double> requestsPerSecond,
            Double failedPerSecond,
            Double p95Ms,
            Cdn cdn,
            Waf waf) {}

    /**
     * @param enabled null when the CDN admin API is absent
     * @param hitRatio hits / (hits + misses) since the gateway started, null when unknown
     */
    public record Cdn(Boolean enabled, Double hitRatio, Long hits, Long misses, String note) {}

    /**
     * @param enabledState {@code Enabled}/{@code Disabled}, null when the WAF admin API is absent
     * @param blocks requests blocked since the gateway started, null when unknown
     */
    public record Waf(String enabledState, String mode, Long blocks, String note) {}

    /**
     * One app node, as the traffic manager's endpoint and as the node itself reports.
     *
     * @param monitorStatus the endpoint's endpointMonitorStatus (Azure's words)
     * @param health the node's own /_services/health answer
     * @param faults the faults injected through /_services/chaos, null when they could not be read
     * @param about selected fields of /_services/about, empty when absent
     * @param instances the region's app-node instances (the region front's list; the node itself with one)
     */
    public record Node(
            String endpoint,
            String location,
            int priority,
            String target,
            String url,
            String endpointStatus,
            Status monitorStatus,
            String lastProbe,
            Status health,
            List<String> reasons,
            Map<String, Object> faults,
            Map<String, Object> about,
            boolean serving,
            List<Instance> instances) {}

    /**
     * One app-node instance of a region.
     *
     * @param name the instance's node name ({@code northeurope-1}), as {@code X-PP-Node} says it
     * @param url its own base URL, where its own {@code /_services/chaos} is
     * @param status its health as the region front last saw it ({@code Healthy}, {@code Unreachable}, ...)
     * @param requestsPerSecond requests it served per second (probes and admin calls left out), null when unknown
     */
    public record Instance(String name, String url, Integer port, Status status, Double requestsPerSecond) {}

    /**
     * The last few minutes as aligned columns: {@code times} (epoch milliseconds) and, per series, one figure per
     * time (null where there was none).
     *
     * @param windowSeconds how far back the columns go
     * @param markers status changes and scaling decisions inside the window
     */
    public record Charts(
            long windowSeconds,
            List<Long> times,
            Map<String, List<Double>> regionRps,
            Map<String, List<Double>> instanceRps,
            List<Double> failedPerSecond,
            List<Double> p95Ms,
            List<Marker> markers) {}

    /**
     * A moment worth a line on the charts: an entry of the traffic manager's events
     * ({@code GET /api/profiles/{name}/events}).
     *
     * @param kind the entry's {@code kind} ({@code StatusChange}, {@code Scale}, ...); {@code StatusChange} when the
     *        entry has none
     */
    public record Marker(long epochMillis, String time, String kind, String endpoint, String text) {}

    public record Store(String url, Status status) {}
}
