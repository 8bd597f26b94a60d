package dev.powerpages.emulator.trafficmanager.api;

import dev.powerpages.emulator.trafficmanager.profile.AlwaysServe;
import dev.powerpages.emulator.trafficmanager.profile.CustomHeader;
import dev.powerpages.emulator.trafficmanager.profile.EmulatorSettings;
import dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus;
import dev.powerpages.emulator.trafficmanager.profile.EndpointState;
import dev.powerpages.emulator.trafficmanager.profile.EndpointStatus;
import dev.powerpages.emulator.trafficmanager.profile.MonitorConfig;
import dev.powerpages.emulator.trafficmanager.profile.MonitorProtocol;
import dev.powerpages.emulator.trafficmanager.profile.ProfileDefinition;
import dev.powerpages.emulator.trafficmanager.profile.ProfileMonitorStatus;
import dev.powerpages.emulator.trafficmanager.profile.ProfileState;
import dev.powerpages.emulator.trafficmanager.profile.ProfileStatus;
import dev.powerpages.emulator.trafficmanager.profile.StatusCodeRange;
import dev.powerpages.emulator.trafficmanager.profile.TrafficRoutingMethod;
import java.util.List;

/**
 * The JSON shapes of Azure Resource Manager's {@code Microsoft.Network/trafficManagerProfiles} resource
 * (API version 2022-04-01), as {@code az network traffic-manager profile show} prints them.
 */
public final class ArmResources {

    public static final String SUBSCRIPTION_ID = "00000000-0000-0000-0000-000000000000";
    public static final String RESOURCE_GROUP = "emulator";
    public static final String PROFILE_TYPE = "Microsoft.Network/trafficManagerProfiles";

    private ArmResources() {}

    public record ProfileResource(String id, String name, String type, String location, ProfileProperties properties) {}

    /** @param emulator EMULATOR EXTENSION (timeScale, fastProbing): not part of Azure's resource */
    public record ProfileProperties(
            ProfileStatus profileStatus,
            TrafficRoutingMethod trafficRoutingMethod,
            DnsConfigResource dnsConfig,
            MonitorConfigResource monitorConfig,
            List<EndpointResource> endpoints,
            EmulatorSettings emulator) {}

    public record DnsConfigResource(String relativeName, String fqdn, int ttl) {}

    public record MonitorConfigResource(
            ProfileMonitorStatus profileMonitorStatus,
            MonitorProtocol protocol,
            int port,
            String path,
            int intervalInSeconds,
            int timeoutInSeconds,
            int toleratedNumberOfFailures,
            List<CustomHeader> customHeaders,
            List<StatusCodeRange> expectedStatusCodeRanges) {}

    public record EndpointResource(String id, String name, String type, EndpointProperties properties) {}

    public record EndpointProperties(
            String target,
            EndpointStatus endpointStatus,
            EndpointMonitorStatus endpointMonitorStatus,
            int priority,
            String endpointLocation,
            AlwaysServe alwaysServe) {}

    /** ARM's list shape. */
    public record ListResult<T>(List<T> value) {}

    public static String profileId(String name) {
        return "/subscriptions/" + SUBSCRIPTION_ID + "/resourceGroups/" + RESOURCE_GROUP + "/providers/" + PROFILE_TYPE
                + "/" + name;
    }

    public static ProfileResource profile(ProfileState state) {
        ProfileDefinition definition = state.definition();
        MonitorConfig monitor = definition.monitorConfig();
        return new ProfileResource(
                profileId(state.name()),
                state.name(),
                PROFILE_TYPE,
                "global",
                new ProfileProperties(
                        definition.profileStatus(),
                        definition.trafficRoutingMethod(),
                        new DnsConfigResource(
                                definition.dnsConfig().relativeName(),
                                definition.dnsConfig().fqdn(),
                                definition.dnsConfig().ttl()),
                        new MonitorConfigResource(
                                state.profileMonitorStatus(),
                                monitor.protocol(),
                                monitor.port(),
                                monitor.path(),
                                monitor.intervalInSeconds(),
                                monitor.timeoutInSeconds(),
                                monitor.toleratedNumberOfFailures(),
                                monitor.customHeaders(),
                                monitor.expectedStatusCodeRanges()),
                        state.endpoints().stream()
                                .map(endpoint -> endpoint(state.name(), endpoint))
                                .toList(),
                        definition.emulator()));
    }

    public static EndpointResource endpoint(String profileName, EndpointState endpoint) {
        String type = endpoint.definition().type();
        return new EndpointResource(
                profileId(profileName) + "/" + type + "/" + endpoint.name(),
                endpoint.name(),
                PROFILE_TYPE + "/" + type,
                new EndpointProperties(
                        endpoint.definition().target(),
                        endpoint.endpointStatus(),
                        endpoint.endpointMonitorStatus(),
                        endpoint.priority(),
                        endpoint.definition().endpointLocation(),
                        endpoint.definition().alwaysServe()));
    }
}
