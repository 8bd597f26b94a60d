package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the node shows and how its answers protect browsers, as the metadata store's ExposureTest does for the store:
 * the actuator exposes health, info and Prometheus metrics only; every kind of answer carries
 * {@code X-Content-Type-Options: nosniff}, a {@code Referrer-Policy} and framing protection, once, with the site's
 * own {@code HTTP/*} setting winning; nothing names the server software or its version.
 */
class ExposureTest extends FakeStoreTestSupport {

    @Test
    void onlyHealthInfoAndMetricsAreExposedByTheActuator() {
        assertThat(http.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/info").statusCode()).isEqualTo(200);
        assertThat(http.get("/actuator/prometheus").statusCode()).isEqualTo(200);
        for (String hidden : List.of(
                "/actuator/env",
                "/actuator/configprops",
                "/actuator/heapdump",
                "/actuator/beans",
                "/actuator/loggers",
                "/actuator/threaddump",
                "/actuator/mappings",
                "/actuator/shutdown",
                "/actuator/caches")) {
            HttpResponse<String> response = http.get(hidden);
            assertThat(response.statusCode()).as(hidden).isEqualTo(404);
            assertThat(response.body()).as(hidden).doesNotContain("store.client-secret", "emulator-secret");
        }
    }

    @Test
    void everyKindOfAnswerCarriesBrowserSecurityHeadersOnce() {
        List<HttpResponse<String>> answers = List.of(
                http.get("/"),
                http.get("/about/"),
                http.get("/no/such/page/"),
                http.get("/broken/"),
                http.get("/css/site.css"),
                http.get("/_api/accounts"),
                http.get("/_api/leads"),
                http.get("/_services/health"),
                http.get("/_services/chaos"),
                http.get("/actuator/health"),
                http.get("/_services/health", "X-Big", "x".repeat(20_000)));
        for (HttpResponse<String> response : answers) {
            String what = response.request().uri().getPath() + " (" + response.statusCode() + ")";
            assertThat(response.headers().allValues("X-Content-Type-Options"))
                    .as(what)
                    .containsExactly("nosniff");
            assertThat(response.headers().allValues("X-Frame-Options")).as(what).containsExactly("SAMEORIGIN");
            assertThat(response.headers().allValues("Referrer-Policy"))
                    .as(what)
                    .containsExactly("strict-origin-when-cross-origin");
            assertThat(response.headers().firstValue("Server")).as(what).isEmpty();
            assertThat(response.body())
                    .as(what)
                    .doesNotContainIgnoringCase("apache tomcat")
                    .doesNotContain("\tat ");
        }
    }
}
