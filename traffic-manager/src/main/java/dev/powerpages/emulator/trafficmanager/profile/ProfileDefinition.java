package dev.powerpages.emulator.trafficmanager.profile;

import java.util.List;

/**
 * One profile's configuration, with the properties of an ARM {@code trafficManagerProfiles} resource.
 * Absent values take Azure's defaults; {@code emulator} holds settings that Azure does not have. Without
 * a monitorConfig the probe path is "/", the Azure portal's default.
 */
public record ProfileDefinition(
        TrafficRoutingMethod trafficRoutingMethod,
        ProfileStatus profileStatus,
        DnsConfig dnsConfig,
        MonitorConfig monitorConfig,
        List<EndpointDefinition> endpoints,
        EmulatorSettings emulator) {

    public ProfileDefinition {
        trafficRoutingMethod = trafficRoutingMethod == null ? TrafficRoutingMethod.PRIORITY : trafficRoutingMethod;
        profileStatus = profileStatus == null ? ProfileStatus.ENABLED : profileStatus;
        dnsConfig = dnsConfig == null ? new DnsConfig(null, null) : dnsConfig;
        monitorConfig = monitorConfig == null
                ? new MonitorConfig(null, null, "/", null, null, null, null, null)
                : monitorConfig;
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        emulator = emulator == null ? EmulatorSettings.NONE : emulator;
    }
}
