package dev.powerpages.emulator.regionfront.scale;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** {@code /_services/scale}: the admin key, the defaults (autoscale off), changes and refusals. */
@SpringBootTest(
        webEnvironment = WebEnvironment.RANDOM_PORT,
        properties = {"front.region=westeurope", "front.instances=http://localhost:9"})
class ScaleApiTest {

    WebTestClient client;

    @Autowired
    void client(@LocalServerPort int port) {
        client =
                WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void theScaleSettingsNeedTheAdminKey() {
        client.get()
                .uri("/_services/scale")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("Unauthorized");
        client.patch()
                .uri("/_services/scale")
                .header("X-Admin-Key", "wrong")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"enabled\":true}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void autoscaleIsOffByDefaultAndAPatchChangesOnlyWhatItNames() {
        client.get()
                .uri("/_services/scale")
                .header("X-Admin-Key", "emulator-admin-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.region")
                .isEqualTo("westeurope")
                .jsonPath("$.enabled")
                .isEqualTo(false)
                .jsonPath("$.instances")
                .isEqualTo(1)
                .jsonPath("$.pool[0].name")
                .isEqualTo("westeurope-1")
                .jsonPath("$.pool[0].startedBy")
                .isEqualTo("stack")
                .jsonPath("$.cannotLaunch")
                .value(text -> org.assertj.core.api.Assertions.assertThat((String) text)
                        .contains("front.scale.launch.command"));

        client.patch()
                .uri("/_services/scale")
                .header("X-Admin-Key", "emulator-admin-key")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"capacity\":2.5,\"max\":4,\"scaleOutWindow\":\"PT10S\"}")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.capacity")
                .isEqualTo(2.5)
                .jsonPath("$.max")
                .isEqualTo(4)
                .jsonPath("$.min")
                .isEqualTo(1)
                .jsonPath("$.scaleOutWindow")
                .isEqualTo("PT10S")
                .jsonPath("$.scaleInWindow")
                .isEqualTo("PT30S")
                .jsonPath("$.enabled")
                .isEqualTo(false);
    }

    @Test
    void aContradictoryOrMalformedChangeIsRefusedWith400AndChangesNothing() {
        for (String body : new String[] {
            "{\"min\":3,\"max\":2}",
            "{\"capacity\":0}",
            "{\"max\":\"many\"}",
            "{\"coolDown\":\"soon\"}",
            "[1]",
            "not json"
        }) {
            client.patch()
                    .uri("/_services/scale")
                    .header("X-Admin-Key", "emulator-admin-key")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error.code")
                    .isEqualTo("InvalidScaleSetting");
        }
        client.get()
                .uri("/_services/scale")
                .header("X-Admin-Key", "emulator-admin-key")
                .exchange()
                .expectBody()
                .jsonPath("$.min")
                .isEqualTo(1)
                .jsonPath("$.coolDown")
                .isEqualTo("PT20S");
    }
}
