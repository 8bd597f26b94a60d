package dev.powerpages.emulator.trafficmanager.profile;

import java.net.URI;
import java.util.Optional;

/** An endpoint at run time: its definition, its (changeable) endpointStatus and its monitor. */
public final class TrafficManagerEndpoint {

    private final EndpointDefinition definition;
    private final EndpointMonitor monitor;
    private final EndpointTarget target;
    private final int monitorPort;
    private final URI probeUri;
    private final String trafficUrl;
    private volatile EndpointStatus endpointStatus;

    TrafficManagerEndpoint(
            EndpointDefinition definition, ProfileStatus profileStatus, MonitorConfig monitorConfig, int probeAgents) {
        this.definition = definition;
        this.endpointStatus = definition.endpointStatus();
        this.monitor = new EndpointMonitor(
                monitorConfig.toleratedNumberOfFailures(),
                probeAgents,
                profileStatus,
                definition.endpointStatus(),
                definition.alwaysServe());
        this.target = EndpointTarget.parse(definition.target());
        this.monitorPort = monitorConfig.port();
        String scheme = monitorConfig.protocol() == MonitorProtocol.HTTPS ? "https" : "http";
        this.probeUri = URI.create(scheme + "://" + target.probeAuthority(monitorConfig.port())
                + (monitorConfig.path() == null ? "/" : monitorConfig.path()));
        this.trafficUrl = scheme + "://" + definition.target().trim();
    }

    public String name() {
        return definition.name();
    }

    public EndpointDefinition definition() {
        return definition;
    }

    public EndpointStatus endpointStatus() {
        return endpointStatus;
    }

    public EndpointMonitorStatus monitorStatus() {
        return monitor.status();
    }

    /** The URL the health probe GETs: protocol://target[:port]/path. */
    public URI probeUri() {
        return probeUri;
    }

    /** The host a probe (and a DNS answer) names: the target without the emulator's port extension. */
    public String targetHost() {
        return target.host();
    }

    /** The port a TCP probe connects to: the target's own port if it has one, else monitorConfig.port. */
    public int probePort() {
        return target.port() == null ? monitorPort : target.port();
    }

    /** Where clients send traffic once this endpoint is resolved. */
    public String trafficUrl() {
        return trafficUrl;
    }

    public boolean isMonitored() {
        return monitor.isMonitored();
    }

    /** Identifies the monitoring period a probe belongs to; pass it back with the probe's result. */
    public long probeGeneration() {
        return monitor.generation();
    }

    /** How many probing agents check this endpoint. */
    public int probeAgents() {
        return monitor.agents();
    }

    Optional<EndpointMonitor.Transition> record(long generation, int agent, ProbeResult result) {
        return monitor.record(generation, agent, result);
    }

    /** The definition with the endpointStatus as it is now (the API may have changed it). */
    EndpointDefinition currentDefinition() {
        return new EndpointDefinition(
                definition.name(),
                definition.type(),
                definition.target(),
                endpointStatus,
                definition.priority(),
                definition.endpointLocation(),
                definition.alwaysServe());
    }

    synchronized Optional<EndpointMonitor.Transition> changeEndpointStatus(
            EndpointStatus newStatus, ProfileStatus profileStatus) {
        if (newStatus == endpointStatus) {
            return Optional.empty();
        }
        endpointStatus = newStatus;
        return monitor.reconfigure(profileStatus, newStatus, definition.alwaysServe());
    }

    public EndpointState state() {
        return new EndpointState(
                definition,
                endpointStatus,
                monitor.status(),
                monitor.consecutiveFailures(),
                monitor.lastResult().orElse(null),
                trafficUrl);
    }
}
