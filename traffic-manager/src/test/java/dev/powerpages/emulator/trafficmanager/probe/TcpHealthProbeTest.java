package dev.powerpages.emulator.trafficmanager.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.trafficmanager.profile.ProbeResult;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpHealthProbeTest {

    private final TcpHealthProbe probe = new TcpHealthProbe();

    @Test
    void aPortThatAcceptsTheConnectionIsHealthy() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ProbeResult result = probe.probe("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(2))
                    .join();

            assertThat(result.success()).isTrue();
            assertThat(result.statusCode()).isNull();
        }
    }

    @Test
    void aClosedPortFailsWithConnectionRefused() throws Exception {
        int closedPort;
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = server.getLocalPort();
        }

        ProbeResult result =
                probe.probe("127.0.0.1", closedPort, Duration.ofSeconds(2)).join();

        assertThat(result.success()).isFalse();
        assertThat(result.error()).isEqualTo("Connection refused");
    }
}
