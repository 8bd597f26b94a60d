package dev.powerpages.emulator.trafficmanager.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileValidatorTest {

    private static ProfileDefinition profile(
            MonitorConfig monitor, EmulatorSettings emulator, EndpointDefinition... endpoints) {
        return new ProfileDefinition(null, null, new DnsConfig("contoso", null), monitor, List.of(endpoints), emulator);
    }

    private static MonitorConfig monitor(
            MonitorProtocol protocol, String path, Integer interval, Integer timeout, Integer tolerated) {
        return new MonitorConfig(protocol, null, path, interval, timeout, tolerated, null, null);
    }

    private static EndpointDefinition endpoint(String name, Integer priority) {
        return new EndpointDefinition(name, null, name + ".example", null, priority, null, null);
    }

    private static List<String> problems(MonitorConfig monitor) {
        return ProfileValidator.problems(profile(monitor, null, endpoint("a", 1)));
    }

    @Test
    void azureDefaultsAreValidAndAreThirtySecondsTenSecondsThreeFailuresStatus200AndTtl60() {
        ProfileDefinition definition = profile(monitor(null, "/", null, null, null), null, endpoint("a", 1));

        assertThat(ProfileValidator.problems(definition)).isEmpty();
        MonitorConfig monitor = definition.monitorConfig();
        assertThat(List.of(
                        monitor.intervalInSeconds(), monitor.timeoutInSeconds(), monitor.toleratedNumberOfFailures()))
                .containsExactly(30, 10, 3);
        assertThat(monitor.expectedStatusCodeRanges()).containsExactly(new StatusCodeRange(200, 200));
        assertThat(monitor.port()).isEqualTo(80);
        assertThat(definition.dnsConfig().ttl()).isEqualTo(60);
        assertThat(monitor(null, "/", 10, null, null).timeoutInSeconds()).isEqualTo(9);
    }

    @Test
    void intervalMustBeTenOrThirtySecondsUnlessFastProbingIsOn() {
        assertThat(problems(monitor(null, "/", 5, 3, 1)))
                .anySatisfy(p -> assertThat(p).contains("intervalInSeconds must be 10 or 30"));

        assertThat(ProfileValidator.problems(
                        profile(monitor(null, "/", 5, 3, 1), new EmulatorSettings(null, true), endpoint("a", 1))))
                .isEmpty();
        assertThat(ProfileValidator.problems(
                        profile(monitor(null, "/", 5, 6, 1), new EmulatorSettings(null, true), endpoint("a", 1))))
                .anySatisfy(p -> assertThat(p).contains("at most intervalInSeconds"));
    }

    @Test
    void fastProbingAcceptsAOneSecondIntervalWithAOneSecondTimeoutAsHaproxysInterOneSecond() {
        assertThat(ProfileValidator.problems(
                        profile(monitor(null, "/", 1, 1, 1), new EmulatorSettings(null, true), endpoint("a", 1))))
                .isEmpty();
        assertThat(ProfileValidator.problems(
                        profile(monitor(null, "/", 1, 0, 1), new EmulatorSettings(null, true), endpoint("a", 1))))
                .anySatisfy(p -> assertThat(p).contains("at least 1"));
    }

    @Test
    void timeoutRangeDependsOnTheInterval() {
        assertThat(problems(monitor(null, "/", 30, 10, 3))).isEmpty();
        assertThat(problems(monitor(null, "/", 30, 4, 3)))
                .containsExactly("monitorConfig.timeoutInSeconds must be 5-10 for a 30 s interval");
        assertThat(problems(monitor(null, "/", 10, 9, 3))).isEmpty();
        assertThat(problems(monitor(null, "/", 10, 10, 3)))
                .containsExactly("monitorConfig.timeoutInSeconds must be 5-9 for a 10 s interval");
    }

    @Test
    void toleratedFailuresAreZeroToNine() {
        assertThat(problems(monitor(null, "/", 30, 10, 0))).isEmpty();
        assertThat(problems(monitor(null, "/", 30, 10, 9))).isEmpty();
        assertThat(problems(monitor(null, "/", 30, 10, 10)))
                .containsExactly("monitorConfig.toleratedNumberOfFailures must be 0-9");
    }

    @Test
    void pathIsRequiredForHttpAndRefusedForTcp() {
        assertThat(problems(monitor(MonitorProtocol.HTTPS, null, 30, 10, 3)))
                .containsExactly("monitorConfig.path is required when monitorConfig.protocol is HTTPS");
        assertThat(problems(monitor(MonitorProtocol.TCP, "/health", 30, 10, 3)))
                .containsExactly("monitorConfig.path must not be set when monitorConfig.protocol is TCP");
        assertThat(problems(monitor(MonitorProtocol.TCP, null, 30, 10, 3))).isEmpty();
    }

    @Test
    void atMostEightStatusCodeRangesAndEightCustomHeaders() {
        List<StatusCodeRange> nineRanges = Collections.nCopies(9, new StatusCodeRange(200, 299));
        List<CustomHeader> nineHeaders = Collections.nCopies(9, new CustomHeader("X-A", "1"));

        assertThat(problems(new MonitorConfig(
                        null, null, "/", 30, 10, 3, nineRanges.subList(0, 8), nineHeaders.subList(0, 8))))
                .isEmpty();
        assertThat(problems(new MonitorConfig(null, null, "/", 30, 10, 3, nineRanges, nineHeaders)))
                .containsExactly(
                        "monitorConfig.expectedStatusCodeRanges can have at most 8 ranges",
                        "monitorConfig.customHeaders can have at most 8 headers");
    }

    @Test
    void prioritiesAreOneToThousandAndUnique() {
        MonitorConfig monitor = monitor(null, "/", 30, 10, 3);

        assertThat(ProfileValidator.problems(profile(monitor, null, endpoint("a", 1), endpoint("b", 1000))))
                .isEmpty();
        assertThat(ProfileValidator.problems(profile(monitor, null, endpoint("a", 0), endpoint("b", 1001))))
                .containsExactly("endpoint a: priority must be 1-1000", "endpoint b: priority must be 1-1000");
        assertThat(ProfileValidator.problems(profile(monitor, null, endpoint("a", 7), endpoint("b", 7))))
                .containsExactly("endpoint b: priority 7 is used by another endpoint");
    }

    @Test
    void ttlMustNotBeNegative() {
        ProfileDefinition definition = new ProfileDefinition(
                null,
                null,
                new DnsConfig("contoso", -1),
                monitor(null, "/", 30, 10, 3),
                List.of(endpoint("a", 1)),
                null);

        assertThat(ProfileValidator.problems(definition)).containsExactly("dnsConfig.ttl must be 0-2147483647");
    }
}
