package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Service protection limits, switched on with a tiny budget: the user over it gets 429 and Retry-After. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "store.in-memory=true",
            "store.service-protection.enabled=true",
            "store.service-protection.max-requests=3",
            "store.service-protection.window=10m"
        })
class ServiceProtectionTest {

    @LocalServerPort
    int port;

    @Test
    void answersTooManyRequestsOncePerUserBudgetIsSpent() {
        StoreClient client = new StoreClient(port);
        String site = client.token("powerpages-site");
        for (int i = 0; i < 3; i++) {
            assertThat(client.get("WhoAmI", site).status()).isEqualTo(200);
        }

        StoreClient.Response throttled = client.get("WhoAmI", site);

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(Integer.parseInt(throttled.header("Retry-After"))).isBetween(1, 600);
        assertThat(throttled.body().at("/error/code").asString()).isEqualTo("0x80072322");
        assertThat(throttled.body().at("/error/message").asString())
                .isEqualTo("Number of requests exceeded the limit of 3 over time window of 600 seconds.");
        // the budget is per user: another application user is not throttled
        assertThat(client.get("WhoAmI", client.token("powerpages-readonly")).status())
                .isEqualTo(200);
    }
}
