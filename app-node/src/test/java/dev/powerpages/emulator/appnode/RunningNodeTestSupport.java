package dev.powerpages.emulator.appnode;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A node on a random port and a plain HTTP client for it. Which store the node reads is the test class's choice:
 * {@link FakeStoreTestSupport} shares one, classes that change or stop their store declare their own
 * {@code @RegisterExtension static final FakeMetadataStore STORE} and {@code @DynamicPropertySource}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class RunningNodeTestSupport {

    @LocalServerPort
    int port;

    NodeHttp http;

    @BeforeEach
    void connectToTheNode() {
        http = new NodeHttp(port);
    }

    /** Waits until the node has loaded the site from its store and says so on its health endpoint. */
    void awaitHealthy() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/_services/health").body().contains("\"Healthy\""));
    }
}
