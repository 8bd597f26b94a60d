package dev.powerpages.emulator.dashboard;

import dev.powerpages.emulator.dashboard.Timeline.Kind;
import java.net.URI;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * Carries out a dashboard control: sends the admin call to the service the action targets (with
 * {@code X-Admin-Key}), and records the action and its outcome in the timeline. The caller's admin key was checked
 * before (service-support's admin-key chain over the serving application's {@code stack.admin.paths}).
 */
class ActionProxy {

    /** Shown for an action no service offers an API for (none at present). */
    static final String STORE_NOTE = "The service offers no API for this action.";

    /**
     * @param upstreamStatus the target's HTTP status, or 0 when it did not answer
     */
    record Outcome(
            String action, String target, String method, String url, int upstreamStatus, boolean ok, String message) {}

    private final DashboardProperties properties;
    private final Upstreams upstreams;
    private final StackPoller poller;
    private final Timeline timeline;

    ActionProxy(DashboardProperties properties, Upstreams upstreams, StackPoller poller, Timeline timeline) {
        this.properties = properties;
        this.upstreams = upstreams;
        this.poller = poller;
        this.timeline = timeline;
    }

    Outcome execute(String actionId, String target, Long latencyMs) {
        DashboardAction action = DashboardAction.byId(actionId)
                .orElseThrow(() -> new DashboardException(
                        HttpStatus.NOT_FOUND, "UnknownAction", "No dashboard action named '" + actionId + "'."));
        if (!action.available()) {
            throw new DashboardException(HttpStatus.NOT_IMPLEMENTED, "NotAvailable", STORE_NOTE);
        }
        long latency = latencyMs == null ? DashboardAction.DEFAULT_LATENCY_MS : latencyMs;
        if (latency < 0 || latency > 120_000) {
            throw new DashboardException(HttpStatus.BAD_REQUEST, "BadRequest", "latencyMs must be 0-120000.");
        }
        URI base;
        String subject;
        if (action.target() == DashboardAction.Target.NODE) {
            if (target == null || target.isBlank()) {
                throw new DashboardException(
                        HttpStatus.BAD_REQUEST,
                        "BadRequest",
                        "Action '" + actionId
                                + "' needs a target: the endpoint name of an app node, e.g. ?target=northeurope.");
            }
            base = poller.nodeUrls().get(target.toLowerCase(Locale.ROOT));
            if (base == null) {
                throw new DashboardException(
                        HttpStatus.NOT_FOUND,
                        "UnknownTarget",
                        "No endpoint named '" + target + "' in the dashboard profile; known: "
                                + poller.nodeUrls().keySet() + ".");
            }
            subject = target.toLowerCase(Locale.ROOT);
        } else if (action.target() == DashboardAction.Target.INSTANCE) {
            if (target == null || target.isBlank()) {
                throw new DashboardException(
                        HttpStatus.BAD_REQUEST,
                        "BadRequest",
                        "Action '" + actionId + "' needs a target: an instance's name, e.g. ?target=northeurope-1.");
            }
            base = poller.instanceUrls().get(target.toLowerCase(Locale.ROOT));
            if (base == null) {
                throw new DashboardException(
                        HttpStatus.NOT_FOUND,
                        "UnknownTarget",
                        "No instance named '" + target + "' in the regions' instance lists; known: "
                                + poller.instanceUrls().keySet() + ".");
            }
            subject = target.toLowerCase(Locale.ROOT);
        } else if (action.target() == DashboardAction.Target.STORE) {
            base = properties.storeUrl();
            subject = "store";
        } else {
            base = properties.gatewayUrl();
            subject = "gateway";
        }
        String path = action.path() != null ? action.path() : properties.clearCachePath();
        URI url = base.resolve(path);
        Fetched answer = upstreams
                .send(action.method(), url, action.body(latency), properties.adminKey())
                .join();
        String label = action.label() + (action == DashboardAction.ADD_LATENCY ? " (" + latency + " ms)" : "");
        String message = answer.ok()
                ? label + " on " + subject + ": done (" + answer.describe() + ")"
                : label + " on " + subject + " failed: " + answer.describe() + hint(action, answer);
        timeline.add(Kind.ACTION, subject, message, answer.ok() ? Tone.OK : Tone.BAD);
        return new Outcome(
                action.id(), subject, action.method(), url.toString(), answer.status(), answer.ok(), message);
    }

    private static String hint(DashboardAction action, Fetched answer) {
        if ((action == DashboardAction.CRASH || action == DashboardAction.INSTANCE_CRASH) && !answer.answered()) {
            return " (a crashing node may drop the connection: watch its status)";
        }
        if (action == DashboardAction.INSTANCE_RESTORE && !answer.answered()) {
            return " (its process has exited: `./stack up -d` starts it again on its port)";
        }
        if (answer.status() == 404 || answer.status() == 400) {
            return " (this service may not offer '" + action.id() + "' yet)";
        }
        return "";
    }
}
