package dev.powerpages.emulator.dashboard;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

import dev.powerpages.emulator.dashboard.DashboardSnapshot.Gateway;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Node;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Profile;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Status;
import dev.powerpages.emulator.dashboard.DashboardSnapshot.Store;

/**
 * The dashboard's HTML. The parts that change are rendered by the same rules as {@code dashboard.js}
 * renders them from each pushed snapshot (same ids and classes), so the first paint and later updates
 * look the same. Every status is a word on a coloured pill: colour alone never carries the meaning.
 */
final class DashboardPage {

    static final int TIMELINE_SHOWN = 14;

    private DashboardPage() {
    }

    static String render(DashboardSnapshot s) {
        Profile p = s.profile();
        String profileName = p == null ? "?" : p.name();
        StringBuilder html = new StringBuilder(8192);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>Power Pages Stack Emulator: dashboard</title>
                <link rel="stylesheet" href="/dashboard/dashboard.css">
                </head><body>
                <header><h1>Power Pages Stack Emulator</h1>
                """);
        html.append("<p class=\"sub\">Profile <a href=\"/api/profiles/").append(esc(profileName)).append("\">")
                .append(esc(profileName)).append("</a> &middot; <span id=\"fqdn\">")
                .append(p == null ? "" : esc(p.fqdn())).append("</span> &middot; TTL <span id=\"ttl\">")
                .append(p == null ? "" : p.ttl()).append("</span> s</p>")
                .append("<p class=\"conn\"><span id=\"conn\" class=\"pill tone-unknown\" title=\"the picture when the page loaded; Live once the update stream is connected\">Snapshot</span> ")
                .append("<span id=\"updated\">").append(esc(time(s.time()) + " UTC")).append("</span></p></header>\n");

        html.append("<main><section class=\"path\" aria-label=\"Request path\">");
        html.append("<div class=\"box\" id=\"box-gateway\"><h2>Gateway</h2><div id=\"gateway\">")
                .append(gateway(s.gateway())).append("</div></div><div class=\"arrow\">&rarr;</div>");
        html.append("<div class=\"box\" id=\"box-tm\"><h2>Traffic Manager</h2><div id=\"tm\">")
                .append(trafficManager(p)).append("</div></div><div class=\"arrow\">&rarr;</div>");
        html.append("<div class=\"nodes\" id=\"nodes\">");
        for (Node node : s.nodes()) {
            html.append(nodeBox(node, s.gateway()));
        }
        html.append("</div><div class=\"arrow\">&rarr;</div>");
        html.append("<div class=\"box\" id=\"box-store\"><h2>Metadata store</h2><div id=\"store\">")
                .append(store(s.store())).append("</div></div></section>\n");

        html.append("<section class=\"row\"><div class=\"panel wide\"><h2>Endpoints</h2>")
                .append("<table><thead><tr><th>Prio</th><th>Endpoint</th><th>Location</th><th>Target</th>")
                .append("<th>Status</th><th>Monitor status</th><th>Last probe</th></tr></thead>")
                .append("<tbody id=\"endpoints\">");
        for (Node node : s.nodes()) {
            html.append(endpointRow(node));
        }
        html.append("</tbody></table></div><div class=\"panel\"><h2>Figures</h2><dl class=\"figures\" id=\"figures\">")
                .append(figures(s)).append("</dl></div></section>\n");

        html.append("<section class=\"row\"><div class=\"panel controls\" id=\"controls\"><h2>Controls</h2>")
                .append(controls(s.nodes())).append("</div>");
        html.append("<div class=\"panel\"><h2>Timeline</h2><label class=\"toggle\"><input type=\"checkbox\" ")
                .append("id=\"hide-probes\"> hide probe results</label><ol id=\"timeline\" class=\"timeline\">")
                .append(timeline(s.timeline())).append("</ol></div></section></main>\n");
        html.append("<script src=\"/dashboard/dashboard.js\"></script>\n</body></html>\n");
        return html.toString();
    }

    static String pill(Status status, String id) {
        return "<span" + (id == null ? "" : " id=\"" + esc(id) + "\"") + " class=\"pill tone-"
                + status.tone().name().toLowerCase(Locale.ROOT) + "\""
                + (status.detail() == null ? "" : " title=\"" + esc(status.detail()) + "\"") + ">"
                + esc(status.text()) + "</span>";
    }

    private static String gateway(Gateway g) {
        StringBuilder b = new StringBuilder(pill(g.status(), "gateway-status"));
        if (g.status().detail() != null) {
            b.append("<p class=\"detail\">").append(esc(g.status().detail())).append("</p>");
        }
        b.append("<p>origin: <b>").append(g.origin() == null ? "n/a" : esc(g.origin())).append("</b>")
                .append(Boolean.TRUE.equals(g.originStale()) ? " (stale)" : "").append("</p>");
        b.append("<p>").append(totalRate(g.requestsPerSecond())).append(" req/s</p>");
        b.append("<p>CDN: <b>").append(onOff(g.cdn().enabled())).append("</b> &middot; WAF: <b>")
                .append(g.waf().enabledState() == null ? "n/a" : esc(g.waf().enabledState()))
                .append(g.waf().mode() == null ? "" : " (" + esc(g.waf().mode()) + ")").append("</b></p>");
        return b.toString();
    }

    private static String trafficManager(Profile p) {
        if (p == null) {
            return "<span class=\"pill tone-bad\">No profile</span><p class=\"detail\">"
                    + "traffic-manager.dashboard-profile names no configured profile</p>";
        }
        return pill(p.profileMonitorStatus(), "profile-status") + "<p>" + esc(p.routingMethod())
                + " routing</p><p>DNS answers: <b id=\"serving\">"
                + (p.servingEndpoint() == null ? "NXDOMAIN" : esc(p.servingEndpoint())) + "</b></p>"
                + (p.allEndpointsDegraded() ? "<p class=\"detail\">all endpoints Degraded: best effort</p>" : "");
    }

    private static String nodeBox(Node n, Gateway g) {
        String id = esc(n.endpoint());
        StringBuilder b = new StringBuilder("<div class=\"box node").append(n.serving() ? " serving" : "")
                .append("\" id=\"node-").append(id).append("\"><h2>").append(id).append(" <small>priority ")
                .append(n.priority()).append(n.serving() ? " &middot; serving" : "").append("</small></h2>");
        b.append("<p>endpoint ").append(pill(n.monitorStatus(), "monitor-" + n.endpoint())).append("</p>");
        b.append("<p>health ").append(pill(n.health(), "health-" + n.endpoint())).append("</p>");
        b.append("<p class=\"detail\">").append(esc(faults(n))).append(" &middot; ")
                .append(rate(g.requestsPerSecond(), n.endpoint())).append(" req/s")
                .append(esc(circuit(n))).append("</p></div>");
        return b.toString();
    }

    private static String store(Store s) {
        return pill(s.status(), "store-status") + (s.status().detail() == null ? ""
                : "<p class=\"detail\">" + esc(s.status().detail()) + "</p>") + "<p class=\"detail\">"
                + esc(s.url()) + "</p>";
    }

    private static String endpointRow(Node n) {
        // the endpoint monitor status keeps Azure's word as its class, as the profile API spells it
        String status = esc(n.monitorStatus().text());
        return "<tr><td>" + n.priority() + "</td><td>" + esc(n.endpoint()) + "</td><td>" + esc(n.location())
                + "</td><td>" + esc(n.target()) + "</td><td>" + esc(n.endpointStatus()) + "</td><td><span class=\"s "
                + status + "\">" + status + "</span></td><td>" + (n.lastProbe() == null ? "none yet" : esc(n.lastProbe()))
                + "</td></tr>";
    }

    private static String figures(DashboardSnapshot s) {
        Gateway g = s.gateway();
        StringBuilder b = new StringBuilder();
        for (Node n : s.nodes()) {
            b.append("<dt>req/s ").append(esc(n.endpoint())).append("</dt><dd>")
                    .append(rate(g.requestsPerSecond(), n.endpoint())).append("</dd>");
        }
        b.append("<dt>CDN hit ratio</dt><dd>").append(g.cdn().hitRatio() == null ? "n/a"
                : Math.round(g.cdn().hitRatio() * 100) + " %").append("</dd>");
        b.append("<dt>WAF blocks</dt><dd>").append(g.waf().blocks() == null ? "n/a" : g.waf().blocks()).append("</dd>");
        b.append("<dt>Store</dt><dd>").append(esc(s.store().status().text())).append("</dd>");
        return b.toString();
    }

    private static String controls(List<Node> nodes) {
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"key\"><span id=\"key-state\">Controls ask for the admin key once.</span> ")
                .append("<button type=\"button\" id=\"forget-key\">Forget key</button>")
                .append("<label>latency <input id=\"latency\" type=\"number\" min=\"0\" max=\"120000\" step=\"100\" value=\"")
                .append(DashboardAction.DEFAULT_LATENCY_MS).append("\"> ms</label></p>");
        for (Node n : nodes) {
            b.append("<div class=\"group\"><h3>").append(esc(n.endpoint())).append("</h3>");
            for (DashboardAction a : DashboardAction.values()) {
                if (a.target() == DashboardAction.Target.NODE) {
                    b.append(button(a, n.endpoint()));
                }
            }
            b.append("</div>");
        }
        b.append("<div class=\"group\"><h3>edge</h3>");
        Arrays.stream(DashboardAction.values()).filter(a -> a.target() == DashboardAction.Target.GATEWAY)
                .forEach(a -> b.append(button(a, null)));
        b.append("</div><div class=\"group\"><h3>store</h3>");
        Arrays.stream(DashboardAction.values()).filter(a -> a.target() == DashboardAction.Target.STORE)
                .forEach(a -> b.append(button(a, null)));
        b.append("<span class=\"note\">stopped = an outage: its Web API and token endpoint answer 503</span></div>")
                .append("<p id=\"action-result\" role=\"status\" class=\"result\"></p>");
        return b.toString();
    }

    private static String button(DashboardAction a, String target) {
        return "<button type=\"button\" data-action=\"" + a.id() + "\""
                + (target == null ? "" : " data-target=\"" + esc(target) + "\"")
                + (a.available() ? "" : " disabled title=\"" + esc(ActionProxy.STORE_NOTE) + "\"") + ">"
                + esc(a.button()) + "</button>";
    }

    private static String timeline(List<Timeline.Entry> entries) {
        return entries.stream().limit(TIMELINE_SHOWN).map(e -> "<li class=\"kind-" + e.kind().name().toLowerCase(Locale.ROOT)
                        + "\"><span class=\"pill tone-" + e.tone().name().toLowerCase(Locale.ROOT) + "\">"
                        + e.kind().name().toLowerCase(Locale.ROOT) + "</span> <time>" + esc(time(e.time()))
                        + "</time> " + esc(e.text()) + "</li>")
                .collect(Collectors.joining());
    }

    private static String faults(Node n) {
        if (n.faults() == null) {
            return "faults: n/a";
        }
        String active = n.faults().entrySet().stream()
                .filter(f -> !(Boolean.FALSE.equals(f.getValue()) || isZero(f.getValue())))
                .map(f -> f.getKey() + (f.getValue() instanceof Boolean ? "" : "=" + f.getValue()))
                .collect(Collectors.joining(", "));
        return active.isEmpty() ? "no faults" : "faults: " + active;
    }

    /** The node's store circuit breaker, from /_services/about when the node reports it. */
    private static String circuit(Node n) {
        Object state = n.about().get("circuitBreaker");
        return state == null ? "" : " \u00b7 store circuit " + state;
    }

    private static boolean isZero(Object value) {
        return value instanceof Number number && number.doubleValue() == 0;
    }

    static String rate(Map<String, Double> rps, String endpoint) {
        if (rps == null || !rps.containsKey(endpoint)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.1f", rps.get(endpoint));
    }

    static String totalRate(Map<String, Double> rps) {
        return rps == null ? "n/a"
                : String.format(Locale.ROOT, "%.1f", rps.values().stream().mapToDouble(Double::doubleValue).sum());
    }

    private static String onOff(Boolean enabled) {
        return enabled == null ? "n/a" : enabled ? "on" : "off";
    }

    /** The time of day of an ISO instant (HH:mm:ss), which is what a room watching a drill needs. */
    static String time(String iso) {
        return iso == null || iso.length() < 19 ? "" : iso.substring(11, 19);
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
