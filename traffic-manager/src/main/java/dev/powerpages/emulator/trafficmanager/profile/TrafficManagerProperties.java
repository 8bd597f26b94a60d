package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The emulator's configuration: Traffic Manager profiles keyed by profile name, declared the way an
 * ARM template declares {@code Microsoft.Network/trafficManagerProfiles} (same field names).
 *
 * @param profiles profiles by name
 * @param eventHistorySize how many endpoint status changes each profile keeps in memory
 * @param adminKey key required (header {@code X-Admin-Key}) to change an endpoint's status
 * @param dashboardProfile the profile the dashboard at {@code /} shows
 */
@ConfigurationProperties("traffic-manager")
public record TrafficManagerProperties(
        Map<String, ProfileDefinition> profiles,
        Integer eventHistorySize,
        String adminKey,
        String dashboardProfile) {

    public TrafficManagerProperties {
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        eventHistorySize = eventHistorySize == null ? 200 : eventHistorySize;
        adminKey = adminKey == null ? "emulator-admin-key" : adminKey;
        dashboardProfile = dashboardProfile == null ? "contoso" : dashboardProfile;
    }
}
