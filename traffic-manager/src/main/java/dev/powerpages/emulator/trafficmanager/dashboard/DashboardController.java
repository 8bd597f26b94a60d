package dev.powerpages.emulator.trafficmanager.dashboard;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import dev.powerpages.emulator.trafficmanager.profile.EndpointState;
import dev.powerpages.emulator.trafficmanager.profile.EndpointStatusChange;
import dev.powerpages.emulator.trafficmanager.profile.ProfileRegistry;
import dev.powerpages.emulator.trafficmanager.profile.ProfileState;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProfile;
import dev.powerpages.emulator.trafficmanager.profile.TrafficManagerProperties;

/**
 * A minimal status page: the dashboard profile, its endpoints coloured by status and the latest status
 * changes. Rendered on the server (no external assets) and refreshed by polling the JSON API every second.
 */
@RestController
class DashboardController {

    private static final int EVENTS_SHOWN = 15;

    private final ProfileRegistry profiles;
    private final String profileName;

    DashboardController(ProfileRegistry profiles, TrafficManagerProperties properties) {
        this.profiles = profiles;
        this.profileName = properties.dashboardProfile();
    }

    @GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
    String dashboard() {
        TrafficManagerProfile profile = profiles.find(profileName).orElse(null);
        if (profile == null) {
            return page("<p>No profile named <b>" + esc(profileName) + "</b> is configured "
                    + "(traffic-manager.dashboard-profile).</p>", "");
        }
        ProfileState state = profile.state();
        StringBuilder rows = new StringBuilder();
        for (EndpointState endpoint : state.endpoints()) {
            rows.append("<tr><td>").append(endpoint.priority()).append("</td><td>").append(esc(endpoint.name()))
                    .append("</td><td>").append(esc(endpoint.definition().endpointLocation())).append("</td><td>")
                    .append(esc(endpoint.definition().target())).append("</td><td>")
                    .append(endpoint.endpointStatus()).append("</td><td><span class=\"s ")
                    .append(endpoint.endpointMonitorStatus()).append("\">").append(endpoint.endpointMonitorStatus())
                    .append("</span></td></tr>");
        }
        StringBuilder events = new StringBuilder();
        List<EndpointStatusChange> changes = profile.statusChanges();
        changes.stream().limit(EVENTS_SHOWN).forEach(change -> events.append("<li>").append(change.time())
                .append(" ").append(esc(change.endpoint())).append(": ").append(change.oldStatus()).append(" &rarr; ")
                .append(change.newStatus()).append(" (").append(esc(change.reason())).append(")</li>"));
        String body = "<h1>Traffic Manager profile <b id=\"name\">" + esc(state.name()) + "</b></h1>"
                + "<p>" + esc(state.definition().dnsConfig().fqdn()) + " &middot; "
                + state.definition().trafficRoutingMethod() + " routing &middot; TTL "
                + state.definition().dnsConfig().ttl() + " s &middot; profile monitor status "
                + "<span id=\"pms\" class=\"s " + state.profileMonitorStatus() + "\">" + state.profileMonitorStatus()
                + "</span></p>"
                + "<table><thead><tr><th>Priority</th><th>Endpoint</th><th>Location</th><th>Target</th>"
                + "<th>endpointStatus</th><th>endpointMonitorStatus</th></tr></thead><tbody id=\"endpoints\">"
                + rows + "</tbody></table><h2>Latest status changes</h2><ul id=\"events\">" + events + "</ul>";
        return page(body, script(state.name()));
    }

    private static String script(String name) {
        String base = "/api/profiles/" + HtmlUtils.htmlEscape(name);
        return """
                <script>
                const base = '%s';
                function cell(row, text, cls) {
                  const td = row.insertCell();
                  if (cls) { const s = document.createElement('span'); s.className = 's ' + cls; s.textContent = text; td.append(s); }
                  else { td.textContent = text ?? ''; }
                }
                async function refresh() {
                  try {
                    const p = await (await fetch(base)).json();
                    const pms = document.getElementById('pms');
                    pms.textContent = p.properties.monitorConfig.profileMonitorStatus; pms.className = 's ' + pms.textContent;
                    const tbody = document.getElementById('endpoints'); tbody.replaceChildren();
                    for (const e of p.properties.endpoints) {
                      const r = tbody.insertRow(), q = e.properties;
                      cell(r, q.priority); cell(r, e.name); cell(r, q.endpointLocation); cell(r, q.target);
                      cell(r, q.endpointStatus); cell(r, q.endpointMonitorStatus, q.endpointMonitorStatus);
                    }
                    const ev = await (await fetch(base + '/events')).json();
                    const ul = document.getElementById('events'); ul.replaceChildren();
                    for (const c of ev.value.slice(0, %d)) {
                      const li = document.createElement('li');
                      li.textContent = c.time + ' ' + c.endpoint + ': ' + c.oldStatus + ' \\u2192 ' + c.newStatus + ' (' + c.reason + ')';
                      ul.append(li);
                    }
                  } catch (e) { /* the traffic manager is restarting: keep the last view */ }
                }
                setInterval(refresh, 1000);
                </script>
                """.formatted(base, EVENTS_SHOWN);
    }

    private static String page(String body, String script) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>Traffic Manager emulator</title>
                <style>
                body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
                table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: .3em .7em; text-align: left; }
                .s { padding: .1em .5em; border-radius: .3em; color: #fff; background: #777; }
                .Online { background: #2e7d32; } .Degraded { background: #c62828; }
                .CheckingEndpoint, .CheckingEndpoints { background: #f9a825; color: #222; }
                .Unmonitored { background: #1565c0; } .Disabled, .Inactive, .Stopped { background: #757575; }
                li { font-family: monospace; margin: .2em 0; }
                </style></head><body>
                %s
                %s
                </body></html>
                """.formatted(body, script);
    }

    private static String esc(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text);
    }
}
