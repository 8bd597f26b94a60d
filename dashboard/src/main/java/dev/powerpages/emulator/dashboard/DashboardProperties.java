package dev.powerpages.emulator.dashboard;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the dashboard at {@code /} reads besides the traffic manager's own profile. The app nodes need no
 * setting: their URLs are the dashboard profile's endpoint targets.
 *
 * @param gatewayUrl the gateway (edge) the dashboard polls and whose CDN/WAF controls it drives
 * @param storeUrl the metadata store whose {@code /actuator/health} it polls
 * @param adminKey the admin key sent as {@code X-Admin-Key} to the gateway's and app nodes' admin APIs (the
 *        controls themselves require the serving application's admin key, {@code stack.admin.key})
 * @param pollInterval pause between two polls of the stack (and two pushes to the browsers)
 * @param requestTimeout the longest a poll waits for any one service
 * @param actionTimeout the longest a control waits for the service it acts on
 * @param timelineSize how many timeline entries are kept in memory
 * @param clearCachePath the app node's clear-cache action (POST, admin key)
 * @param chartWindow how far back the charts go
 * @param eventsBaseUrl where the profile's event list is read ({@code /api/profiles/{name}/events}); null: this
 *        application itself, on the port it listens on
 */
@ConfigurationProperties("traffic-manager.dashboard")
public record DashboardProperties(
        URI gatewayUrl,
        URI storeUrl,
        String adminKey,
        Duration pollInterval,
        Duration requestTimeout,
        Duration actionTimeout,
        Integer timelineSize,
        String clearCachePath,
        Duration chartWindow,
        URI eventsBaseUrl) {

    public DashboardProperties {
        gatewayUrl = gatewayUrl == null ? URI.create("http://localhost:8080") : gatewayUrl;
        storeUrl = storeUrl == null ? URI.create("http://localhost:8070") : storeUrl;
        adminKey = adminKey == null ? "emulator-admin-key" : adminKey;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        requestTimeout = requestTimeout == null ? Duration.ofMillis(700) : requestTimeout;
        actionTimeout = actionTimeout == null ? Duration.ofSeconds(5) : actionTimeout;
        timelineSize = timelineSize == null ? 300 : timelineSize;
        clearCachePath = clearCachePath == null ? "/_services/about/clear-cache" : clearCachePath;
        chartWindow = chartWindow == null ? Duration.ofMinutes(5) : chartWindow;
    }
}
