package dev.powerpages.emulator.trafficmanager.profile;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The emulator's configuration: Traffic Manager profiles keyed by profile name, declared the way an
 * ARM template declares {@code Microsoft.Network/trafficManagerProfiles} (same field names).
 *
 * @param profiles profiles by name
 * @param eventHistorySize how many endpoint status changes each profile keeps in memory
 * @param adminKey key required (header {@code X-Admin-Key}) to create, change or delete profiles and endpoints and to
 *     use the dashboard's controls: application.yml hands it to the service-support starter as {@code stack.admin.key}
 * @param dashboardProfile the profile the dashboard at {@code /} shows
 * @param probeAgents how many probing agents check every endpoint, each on the profile's interval
 * @param dataDir where profiles created or changed through the API are kept across restarts; blank keeps
 *        them in memory only
 */
@ConfigurationProperties("traffic-manager")
public record TrafficManagerProperties(
        Map<String, ProfileDefinition> profiles,
        Integer eventHistorySize,
        String adminKey,
        String dashboardProfile,
        Integer probeAgents,
        String dataDir) {

    public TrafficManagerProperties {
        profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
        eventHistorySize = eventHistorySize == null ? 200 : eventHistorySize;
        adminKey = adminKey == null ? "emulator-admin-key" : adminKey;
        dashboardProfile = dashboardProfile == null ? "contoso" : dashboardProfile;
        probeAgents = probeAgents == null ? 3 : probeAgents;
        dataDir = dataDir == null ? "" : dataDir.trim();
    }
}
