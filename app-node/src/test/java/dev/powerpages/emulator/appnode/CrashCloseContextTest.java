package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code node.chaos.crash-action: close-context}, as the test kit's in-process mode runs a node: {@code {"crash": true}}
 * takes the node down (its port refuses connections, its application is closed) while the JVM, which is this
 * test's JVM too, lives on. The node is started here as the kit starts it ({@code SpringApplication.run} with
 * command-line arguments), not through Spring's test context, whose cache cannot hold a context that closes itself.
 */
class CrashCloseContextTest {

    private ConfigurableApplicationContext node;

    @AfterEach
    void closeNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void crashClosesTheNodeAndItsPortButNotTheJvm() {
        node = SpringApplication.run(
                AppNodeApplication.class,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--store.url=http://127.0.0.1:9",
                "--node.chaos.crash-action=close-context",
                "--spring.main.register-shutdown-hook=false",
                "--logging.level.root=WARN");
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        NodeHttp http = new NodeHttp(port);

        assertThat(http.put("/_services/chaos", "{\"crash\":true}", "X-Admin-Key", "wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.put("/_services/chaos", "{\"crash\":true}", "X-Admin-Key", NodeHttp.ADMIN_KEY)
                        .statusCode())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    assertThat(node.isActive())
                            .as("the node's application is running")
                            .isFalse();
                    assertThat(accepts(port))
                            .as("port %d accepts connections", port)
                            .isFalse();
                });
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException ex) {
            return false;
        }
    }
}
