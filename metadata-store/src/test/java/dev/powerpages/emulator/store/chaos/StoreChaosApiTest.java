package dev.powerpages.emulator.store.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.admin.AdminKeyServletAutoConfiguration;
import dev.powerpages.emulator.support.servlet.ServletSupportAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The store's outage switch on its own ({@code @WebMvcTest} of {@link StoreChaosController} with the starter's
 * admin-key chain over {@code stack.admin.paths} and the outage filter): a missing or wrong key is refused and leaves
 * the store up, a PUT without a body is a 400. What an outage does to the Web API, the token endpoint and health is
 * {@code StoreOutageTest}'s, with the whole store.
 */
@WebMvcTest(
        controllers = StoreChaosController.class,
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "dev\\.powerpages\\.emulator\\.store\\.(webapi|auth|environment)\\..*"))
@Import(StoreOutage.class)
@ImportAutoConfiguration({AdminKeyServletAutoConfiguration.class, ServletSupportAutoConfiguration.class})
@EnableConfigurationProperties(StoreChaosProperties.class)
class StoreChaosApiTest {

    private static final String ADMIN_KEY = "emulator-admin-key";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    StoreOutage outage;

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void theOutageSwitchRejectsAMissingOrWrongAdminKey() {
        assertThat(chaos("PUT", "{\"outage\":true}", null)).hasStatus(401);
        assertThat(chaos("PUT", "{\"outage\":true}", "wrong")).hasStatus(401);
        MvcTestResult refused = chaos("GET", null, "wrong");
        assertThat(refused).hasStatus(401);
        assertThat(refused)
                .bodyText()
                .isEqualTo(
                        "{\"error\":{\"code\":\"Unauthorized\",\"message\":\"The X-Admin-Key header is missing or wrong\"}}");

        // The refused switch left the store up (StoreOutageTest shows what an outage does to the Web API).
        assertThat(outage.active()).isFalse();
        MvcTestResult shown = chaos("GET", null, ADMIN_KEY);
        assertThat(shown).hasStatusOk();
        assertThat(json.readTree(shown.getResponse().getContentAsByteArray())
                        .get("outage")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aChaosRequestWithoutABodyIsA400() {
        MvcTestResult answer = chaos("PUT", null, ADMIN_KEY);
        assertThat(answer).hasStatus(400);
        assertThat(json.readTree(answer.getResponse().getContentAsByteArray())
                        .get("error")
                        .get("code")
                        .asString())
                .isEqualTo("BadRequest");
    }

    private MvcTestResult chaos(String method, String body, String adminKey) {
        var request =
                mvc.method(org.springframework.http.HttpMethod.valueOf(method)).uri("/_services/chaos");
        if (body != null) {
            request = request.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        if (adminKey != null) {
            request = request.header("X-Admin-Key", adminKey);
        }
        return request.exchange();
    }
}
