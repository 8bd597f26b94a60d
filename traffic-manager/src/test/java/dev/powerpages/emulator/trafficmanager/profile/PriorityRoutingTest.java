package dev.powerpages.emulator.trafficmanager.profile;

import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.CHECKING_ENDPOINT;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.DEGRADED;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.DISABLED;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.ONLINE;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.UNMONITORED;
import static dev.powerpages.emulator.trafficmanager.profile.ProfileStates.endpoint;
import static dev.powerpages.emulator.trafficmanager.profile.ProfileStates.profile;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PriorityRoutingTest {

    private static RoutingDecision.Answer answer(ProfileState profile) {
        RoutingDecision decision = PriorityRouting.route(profile);
        assertThat(decision).isInstanceOf(RoutingDecision.Answer.class);
        return (RoutingDecision.Answer) decision;
    }

    @Test
    void answersTheAvailableEndpointWithTheLowestPriorityValue() {
        var answer = answer(profile(endpoint("westeurope", 2, ONLINE), endpoint("northeurope", 1, ONLINE)));

        assertThat(answer.endpoint().name()).isEqualTo("northeurope");
        assertThat(answer.allEndpointsDegraded()).isFalse();
    }

    @Test
    void failsOverFromADegradedPrimaryToTheNextPriority() {
        var answer = answer(profile(endpoint("northeurope", 1, DEGRADED), endpoint("westeurope", 2, ONLINE)));

        assertThat(answer.endpoint().name()).isEqualTo("westeurope");
        assertThat(answer.allEndpointsDegraded()).isFalse();
    }

    @Test
    void answersEndpointsStillBeingCheckedAndUnmonitoredOnes() {
        assertThat(answer(profile(endpoint("northeurope", 1, CHECKING_ENDPOINT), endpoint("westeurope", 2, ONLINE)))
                        .endpoint()
                        .name())
                .isEqualTo("northeurope");
        assertThat(answer(profile(endpoint("northeurope", 1, DEGRADED), endpoint("westeurope", 2, UNMONITORED)))
                        .endpoint()
                        .name())
                .isEqualTo("westeurope");
    }

    @Test
    void whenEveryEnabledEndpointIsDegradedAnswersThePrimaryAsIfAllWereOnline() {
        var answer = answer(profile(endpoint("westeurope", 2, DEGRADED), endpoint("northeurope", 1, DEGRADED)));

        assertThat(answer.endpoint().name()).isEqualTo("northeurope");
        assertThat(answer.allEndpointsDegraded()).isTrue();
    }

    @Test
    void neverAnswersADisabledEndpointEvenWhenTheOthersAreDegraded() {
        var answer = answer(profile(endpoint("northeurope", 1, DISABLED), endpoint("westeurope", 2, DEGRADED)));

        assertThat(answer.endpoint().name()).isEqualTo("westeurope");
        assertThat(answer.allEndpointsDegraded()).isTrue();
    }

    @Test
    void disabledProfileGetsNoAnswer() {
        RoutingDecision decision = PriorityRouting.route(
                profile(ProfileStatus.DISABLED, endpoint("northeurope", 1, EndpointMonitorStatus.INACTIVE)));

        assertThat(decision)
                .isInstanceOfSatisfying(
                        RoutingDecision.NoAnswer.class,
                        noAnswer -> assertThat(noAnswer.reason()).contains("Disabled"));
    }

    @Test
    void profileWithoutAnEnabledEndpointGetsNoAnswer() {
        RoutingDecision decision = PriorityRouting.route(
                profile(endpoint("northeurope", 1, DISABLED), endpoint("westeurope", 2, DISABLED)));

        assertThat(decision)
                .isInstanceOfSatisfying(
                        RoutingDecision.NoAnswer.class,
                        noAnswer -> assertThat(noAnswer.reason()).contains("no enabled endpoint"));
    }

    @Test
    void fallbacksAreTheOtherEnabledEndpointsAvailableOnesFirstThenByPriority() {
        ProfileState profile = profile(
                endpoint("primary", 1, ONLINE),
                endpoint("second", 2, DEGRADED),
                endpoint("third", 3, CHECKING_ENDPOINT),
                endpoint("off", 4, DISABLED),
                endpoint("last", 5, ONLINE));

        var fallbacks = PriorityRouting.fallbacks(profile, answer(profile).endpoint());

        assertThat(fallbacks).extracting(EndpointState::name).containsExactly("third", "last", "second");
    }
}
