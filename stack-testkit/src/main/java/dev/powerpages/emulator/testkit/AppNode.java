package dev.powerpages.emulator.testkit;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * One region's app node, with the contract's fault injection ({@code /_services/chaos}, behind
 * the admin key). Faults combine, as the chaos API's fields do, and stay until
 * {@link #clearFaults()} or a restart.
 * <p>
 * In a stack with several instances per region ({@link PowerPagesStackTest#instances()}) the region's handle
 * stands for its front, on the region's address: faults set there reach every instance, and a kill stops the
 * front, so the whole region. {@link #instance(int)} is one instance, on its own port: a fault or a kill there
 * is that instance's only, and the region keeps serving from the others.
 */
public final class AppNode {

    private final String region;
    private final RunningService service;
    private final List<AppNode> instances;

    AppNode(String region, RunningService service) {
        this(region, service, List.of());
    }

    AppNode(String region, RunningService service, List<AppNode> instances) {
        this.region = region;
        this.service = service;
        this.instances = List.copyOf(instances);
    }

    public String region() {
        return region;
    }

    /**
     * The region's n-th app-node instance, from 1 ({@code X-PP-Node} {@code <region>-<n>}). With one instance per
     * region, {@code instance(1)} is the region's node itself.
     */
    public AppNode instance(int n) {
        List<AppNode> all = instances();
        if (n < 1 || n > all.size()) {
            throw new IllegalArgumentException(
                    region + " has " + all.size() + " instance(s), numbered from 1; no instance " + n);
        }
        return all.get(n - 1);
    }

    /** The region's app-node instances, in order; this node alone when the region runs one. */
    public List<AppNode> instances() {
        return instances.isEmpty() ? List.of(this) : instances;
    }

    /** The node's own URL (bypassing the gateway and the traffic manager). */
    public URI url(String path) {
        return service.url(path);
    }

    /** GETs a path from this node directly. */
    public HttpResult get(String path) {
        return Http.get(url(path));
    }

    /** The node's health probe answer ({@code GET /_services/health}): 200 or 503 with the reasons. */
    public HttpResult health() {
        return get("/_services/health");
    }

    /** Makes the node answer its health probe with 503 while it keeps serving pages. */
    public AppNode failHealth() {
        return chaos(Map.of("failHealth", true));
    }

    /** Delays every response of the node by {@code latency}. */
    public AppNode addLatency(Duration latency) {
        return chaos(Map.of("latencyMs", latency.toMillis()));
    }

    /** Makes the node answer that share of page requests with a server error (0.0 to 1.0). */
    public AppNode errorRate(double rate) {
        return chaos(Map.of("errorRate", rate));
    }

    /** Cuts the node off from the metadata store, as a Dataverse outage seen from this region. */
    public AppNode cutOffStore() {
        return chaos(Map.of("storeCutOff", true));
    }

    /** Any combination of the chaos API's fields, e.g. {@code Map.of("latencyMs", 500, "errorRate", 0.1)}. */
    public AppNode chaos(Map<String, ?> faults) {
        HttpResult result = Http.send("PUT", url("/_services/chaos"), Json.write(faults), AdminKey.jsonHeaders());
        requireSuccess(result, "PUT /_services/chaos " + faults);
        return this;
    }

    /** Removes every injected fault ({@code DELETE /_services/chaos}). */
    public AppNode clearFaults() {
        HttpResult result = Http.send("DELETE", url("/_services/chaos"), null, AdminKey.jsonHeaders());
        requireSuccess(result, "DELETE /_services/chaos");
        return this;
    }

    /** The faults now in force, as the chaos API shows them. */
    public JsonNode faults() {
        HttpResult result = Http.get(url("/_services/chaos"), AdminKey.jsonHeaders());
        requireSuccess(result, "GET /_services/chaos");
        return Json.parse(result);
    }

    /**
     * Stops the node abruptly, no graceful shutdown: the region disappears. SIGKILL of the child JVM
     * ({@link StackMode#LOCAL_PROCESSES}), {@code docker kill} ({@link StackMode#CONTAINERS}); in-process, the
     * node's web server stops at once (port refused, open connections cut), then its application closes.
     */
    public void kill() {
        service.kill();
    }

    /** Starts the node again (stopping it first if it runs) and waits until it is healthy; faults are gone. */
    public void restart() {
        service.restart();
    }

    public boolean isRunning() {
        return service.isRunning();
    }

    /** The end of the node's log, for diagnosing a failed test. */
    public String logTail() {
        return service.logTail();
    }

    private void requireSuccess(HttpResult result, String action) {
        if (!result.isSuccessful()) {
            throw new IllegalStateException(action + " on " + region + " answered " + result);
        }
    }

    @Override
    public String toString() {
        return "AppNode[" + region + " at " + url("") + "]";
    }
}
