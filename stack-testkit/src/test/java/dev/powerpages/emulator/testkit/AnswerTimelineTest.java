package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerTimelineTest {

    private static final Instant START = Instant.parse("2026-12-07T00:43:00Z");

    @Test
    void mergesRunsOfTheSameAnswerAndNamesTheSlowestRequestOfEach() {
        AnswerTimeline timeline = new AnswerTimeline(START);
        timeline.record(at(0), at(2_000), timeout("ref-1"));
        timeline.record(at(2_100), at(4_100), timeout("ref-2"));
        timeline.record(at(4_200), at(14_200), "request to the gateway timed out");
        timeline.record(at(14_300), at(14_400), page("westeurope"));

        assertThat(timeline.toString())
                .isEqualTo("answers since the wait began at 2026-12-07T00:43:00Z:\n"
                        + "  0.0 s to 4.1 s: 2 × HTTP 504 OriginConnectTimeout (slowest request 2.0 s)\n"
                        + "  4.2 s to 14.2 s: 1 × request to the gateway timed out (slowest request 10.0 s)\n"
                        + "  14.3 s to 14.4 s: 1 × HTTP 200 from westeurope (slowest request 0.1 s)");
    }

    @Test
    void saysSoWhenNothingWasAnswered() {
        assertThat(new AnswerTimeline(START).toString()).isEqualTo("no answer");
    }

    private static Instant at(long millis) {
        return START.plusMillis(millis);
    }

    private static HttpResult timeout(String reference) {
        return new HttpResult(
                504,
                HttpHeaders.of(Map.of(), (name, value) -> true),
                "{\"error\":{\"code\":\"OriginConnectTimeout\",\"reference\":\"" + reference + "\"}}");
    }

    private static HttpResult page(String region) {
        return new HttpResult(
                200, HttpHeaders.of(Map.of("X-PP-Region", List.of(region)), (name, value) -> true), "<html>");
    }
}
