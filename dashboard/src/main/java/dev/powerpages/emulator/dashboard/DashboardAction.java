package dev.powerpages.emulator.dashboard;

import java.util.Arrays;
import java.util.Optional;

/**
 * The dashboard's controls and the admin call each one makes. Node actions take an endpoint name as
 * their target; edge actions go to the gateway. Bodies follow the contract: {@code PUT /_services/chaos}
 * merges the fields sent, {@code PATCH /_edge/admin/waf} is a JSON merge patch of Front Door's WAF policy
 * shape, {@code POST /_edge/admin/cdn/purge} takes Front Door's {@code contentPaths}.
 */
public enum DashboardAction {
    FAIL_HEALTH(
            "fail-health",
            Target.NODE,
            "Fail health",
            "Fail health",
            "PUT",
            "/_services/chaos",
            "{\"failHealth\":true}"),
    RESTORE_HEALTH(
            "restore-health",
            Target.NODE,
            "Restore health",
            "Restore health",
            "PUT",
            "/_services/chaos",
            "{\"failHealth\":false}"),
    ADD_LATENCY("add-latency", Target.NODE, "Add latency", "+ Latency", "PUT", "/_services/chaos", null),
    REMOVE_LATENCY(
            "remove-latency",
            Target.NODE,
            "Remove latency",
            "No latency",
            "PUT",
            "/_services/chaos",
            "{\"latencyMs\":0}"),
    CUT_STORE(
            "cut-store",
            Target.NODE,
            "Cut off from store",
            "Cut store",
            "PUT",
            "/_services/chaos",
            "{\"storeCutOff\":true}"),
    RECONNECT_STORE(
            "reconnect-store",
            Target.NODE,
            "Reconnect to store",
            "Reconnect store",
            "PUT",
            "/_services/chaos",
            "{\"storeCutOff\":false}"),
    CRASH("crash", Target.NODE, "Crash node", "Crash", "PUT", "/_services/chaos", "{\"crash\":true}"),
    CLEAR_FAULTS("clear-faults", Target.NODE, "Clear all faults", "Clear faults", "DELETE", "/_services/chaos", null),
    CLEAR_CACHE("clear-cache", Target.NODE, "Clear cache", "Clear cache", "POST", null, null),
    CDN_ON("cdn-on", Target.GATEWAY, "CDN on", "CDN on", "PATCH", "/_edge/admin/cdn", "{\"enabled\":true}"),
    CDN_OFF("cdn-off", Target.GATEWAY, "CDN off", "CDN off", "PATCH", "/_edge/admin/cdn", "{\"enabled\":false}"),
    CDN_PURGE(
            "cdn-purge",
            Target.GATEWAY,
            "Purge CDN",
            "Purge CDN",
            "POST",
            "/_edge/admin/cdn/purge",
            "{\"contentPaths\":[\"/*\"]}"),
    WAF_ON(
            "waf-on",
            Target.GATEWAY,
            "WAF on",
            "WAF on",
            "PATCH",
            "/_edge/admin/waf",
            "{\"properties\":{\"policySettings\":{\"enabledState\":\"Enabled\"}}}"),
    WAF_OFF(
            "waf-off",
            Target.GATEWAY,
            "WAF off",
            "WAF off",
            "PATCH",
            "/_edge/admin/waf",
            "{\"properties\":{\"policySettings\":{\"enabledState\":\"Disabled\"}}}"),
    // One instance of a region, on the instance's own port: a fault there is that instance's alone, and the region
    // front takes the instance out while the region stays Online as long as another instance serves.
    INSTANCE_CRASH(
            "instance-crash",
            Target.INSTANCE,
            "Crash instance (its process exits)",
            "Crash",
            "PUT",
            "/_services/chaos",
            "{\"crash\":true}"),
    INSTANCE_FAIL_HEALTH(
            "instance-fail-health",
            Target.INSTANCE,
            "Fail instance health",
            "Fail health",
            "PUT",
            "/_services/chaos",
            "{\"failHealth\":true}"),
    // What the region's "Clear faults" does for each of its instances. A crashed instance's process has exited: no
    // API can start it again (the traffic manager starts no processes); `./stack up -d` does, on the same port.
    INSTANCE_RESTORE(
            "instance-restore",
            Target.INSTANCE,
            "Restore instance (clear its faults)",
            "Restore",
            "DELETE",
            "/_services/chaos",
            null),
    // The store's outage switch (its /_services/chaos): "stopped", it answers 503 on the Web API and the token
    // endpoint, as a Dataverse environment that is down, while its process (and its data) stays.
    STORE_STOP(
            "store-stop",
            Target.STORE,
            "Stop store (outage: 503)",
            "Stop store",
            "PUT",
            "/_services/chaos",
            "{\"outage\":true}"),
    STORE_START(
            "store-start",
            Target.STORE,
            "Start store (outage over)",
            "Start store",
            "PUT",
            "/_services/chaos",
            "{\"outage\":false}");

    /** Where an action goes. */
    public enum Target {
        NODE,
        GATEWAY,
        STORE,
        INSTANCE
    }

    /** The default latency "Add latency" injects when the request names none. */
    static final long DEFAULT_LATENCY_MS = 2000;

    private final String id;
    private final Target target;
    private final String label;
    private final String button;
    private final String method;
    private final String path;
    private final String body;

    DashboardAction(String id, Target target, String label, String button, String method, String path, String body) {
        this.id = id;
        this.target = target;
        this.label = label;
        this.button = button;
        this.method = method;
        this.path = path;
        this.body = body;
    }

    public String id() {
        return id;
    }

    public Target target() {
        return target;
    }

    /** What the timeline calls it. */
    public String label() {
        return label;
    }

    /** The button's (shorter) text. */
    public String button() {
        return button;
    }

    /** Whether a service offers an API for it (every action does now that the store has an outage switch). */
    public boolean available() {
        return method != null;
    }

    String method() {
        return method;
    }

    /** The upstream path; null for clear-cache, whose path is configured. */
    String path() {
        return path;
    }

    String body(long latencyMs) {
        return this == ADD_LATENCY ? "{\"latencyMs\":" + latencyMs + "}" : body;
    }

    static Optional<DashboardAction> byId(String id) {
        return Arrays.stream(values()).filter(a -> a.id.equals(id)).findFirst();
    }
}
