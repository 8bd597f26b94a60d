package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code {"crash": true}} for real: a node in its own JVM dies at once with a non-zero exit status. */
class CrashProcessTest {

    @RegisterExtension
    static final FakeMetadataStore STORE = FakeMetadataStore.start();

    private Process node;

    @AfterEach
    void stop() {
        if (node != null && node.isAlive()) {
            node.destroyForcibly();
        }
    }

    @Test
    void crashEndsTheNodeProcessWithANonZeroStatus() throws Exception {
        int port = freePort();
        Path log = Files.createTempFile("app-node-crash", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        node = new ProcessBuilder(List.of(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.powerpages.emulator.appnode.AppNodeApplication",
                        "--server.port=" + port,
                        "--store.url=" + STORE.url(),
                        "--management.server.port=-1",
                        "--logging.level.root=WARN"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        NodeHttp http = new NodeHttp(port);
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> http.get("/_services/health").statusCode() == 200);

        assertThat(http.put("/_services/chaos", "{\"crash\":true}", "X-Admin-Key", NodeHttp.ADMIN_KEY)
                        .statusCode())
                .isEqualTo(202);

        assertThat(node.waitFor(20, TimeUnit.SECONDS)).as("the process ended").isTrue();
        assertThat(node.exitValue()).isEqualTo(137);
        assertThat(Files.readString(log)).doesNotContain("Graceful shutdown");
        new File(log.toString()).delete();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
