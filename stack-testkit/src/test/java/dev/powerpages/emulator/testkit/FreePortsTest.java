package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void tcpPortsAreBindableAndBelowTheRangeOutgoingConnectionsTakeTheirPortsFrom() throws IOException {
        int ephemeralStart = ephemeralStart();
        for (int i = 0; i < 20; i++) {
            int port = FreePorts.tcp();
            assertThat(port).isBetween(10_000, ephemeralStart - 1);
            try (ServerSocket socket = new ServerSocket(port)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
    }

    @Test
    void udpPortsAreBindableAndBelowTheEphemeralRange() throws IOException {
        int port = FreePorts.udp();
        assertThat(port).isBetween(10_000, ephemeralStart() - 1);
        try (DatagramSocket socket = new DatagramSocket(port)) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void aPortIsHandedOutOnceSoTwoServicesOfOneStackNeverShareIt() {
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            assertThat(ports.add(FreePorts.tcp())).isTrue();
        }
    }

    @Test
    void aPortSomeoneListensOnIsNeverHandedOut() throws IOException {
        // two neighbouring candidates, the second one still free (an earlier test may have been handed it out, or
        // another process on the machine listen on it)
        int low = FreePorts.tcp();
        while (!FreePorts.unclaimed(low + 1)) {
            low = FreePorts.tcp();
        }
        int first = low;
        try (ServerSocket listening = new ServerSocket(first)) {
            // of the two candidates one is taken: every draw must give the other, then none is left
            int other = FreePorts.tcpBetween(first, first + 2);
            assertThat(other).isEqualTo(first + 1);
            assertThatIllegalStateException()
                    .isThrownBy(() -> FreePorts.tcpBetween(first, first + 2))
                    .withMessageContaining("no free port from " + first + " to " + (first + 1));
        }
    }

    private static int ephemeralStart() throws IOException {
        Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
        return Files.exists(range)
                ? Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0])
                : 32_768;
    }
}
