package dev.powerpages.emulator.trafficmanager.profile;

/** What Traffic Manager's DNS answers for a profile: an endpoint, or NXDOMAIN. */
public sealed interface RoutingDecision {

    /**
     * An endpoint answer.
     *
     * @param allEndpointsDegraded true when every enabled endpoint is Degraded and this answer is
     *        Azure's "best effort" (it answers as if all were Online)
     */
    record Answer(EndpointState endpoint, boolean allEndpointsDegraded) implements RoutingDecision {}

    /** No endpoint can be returned; Azure's DNS answers NXDOMAIN. */
    record NoAnswer(String reason) implements RoutingDecision {}
}
