package dev.powerpages.emulator.trafficmanager.profile;

import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.CHECKING_ENDPOINT;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.DEGRADED;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.DISABLED;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.INACTIVE;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.ONLINE;
import static dev.powerpages.emulator.trafficmanager.profile.EndpointMonitorStatus.UNMONITORED;
import static dev.powerpages.emulator.trafficmanager.profile.ProfileStates.endpoint;
import static dev.powerpages.emulator.trafficmanager.profile.ProfileStates.profile;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Azure's "Profile monitor status" table. */
class ProfileMonitorStatusTest {

    @Test
    void disabledProfileIsDisabledWhateverItsEndpoints() {
        assertThat(profile(ProfileStatus.DISABLED, endpoint("a", 1, INACTIVE)).profileMonitorStatus())
                .isEqualTo(ProfileMonitorStatus.DISABLED);
    }

    @Test
    void oneDegradedEndpointMakesTheProfileDegradedEvenWithAnotherOnline() {
        assertThat(profile(endpoint("a", 1, DEGRADED), endpoint("b", 2, ONLINE)).profileMonitorStatus())
                .isEqualTo(ProfileMonitorStatus.DEGRADED);
    }

    @Test
    void anOnlineOrUnmonitoredEndpointWithNoneDegradedMakesTheProfileOnline() {
        assertThat(profile(endpoint("a", 1, ONLINE), endpoint("b", 2, CHECKING_ENDPOINT))
                        .profileMonitorStatus())
                .isEqualTo(ProfileMonitorStatus.ONLINE);
        assertThat(profile(endpoint("a", 1, UNMONITORED), endpoint("b", 2, DISABLED))
                        .profileMonitorStatus())
                .isEqualTo(ProfileMonitorStatus.ONLINE);
    }

    @Test
    void profileIsCheckingEndpointsWhileNoEndpointHasAVerdict() {
        assertThat(profile(endpoint("a", 1, CHECKING_ENDPOINT), endpoint("b", 2, DISABLED))
                        .profileMonitorStatus())
                .isEqualTo(ProfileMonitorStatus.CHECKING_ENDPOINTS);
    }

    @Test
    void profileWithOnlyDisabledEndpointsOrNoneIsInactive() {
        assertThat(profile(endpoint("a", 1, DISABLED)).profileMonitorStatus()).isEqualTo(ProfileMonitorStatus.INACTIVE);
        assertThat(profile().profileMonitorStatus()).isEqualTo(ProfileMonitorStatus.INACTIVE);
    }
}
