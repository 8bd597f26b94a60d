package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;

/** The namespace a kit stack's containers share, on this machine's Docker: what each publishes, how peers are named. */
class ContainerPodTest {

    @Test
    void publishesOnTheLoopbackOnlyWhereTheKitReachesDockerThere() {
        assertThat(ContainerPod.bindAddress("127.0.0.1")).isEqualTo("127.0.0.1");
        // Not the loopback (TEST-NET-2): a daemon elsewhere, or the bridge's gateway seen from a test in a container.
        assertThat(ContainerPod.bindAddress("198.51.100.7")).isEqualTo(ContainerPod.ALL_INTERFACES);
        assertThat(ContainerPod.bindAddress("no-such-host.invalid")).isEqualTo(ContainerPod.ALL_INTERFACES);
    }

    @Test
    void aServiceInThePodIsReachedOnTheHoldersPortFromTheHostAndByNameFromItsPeers() throws Exception {
        assumeTrue(ContainerStackRuntime.dockerAvailable(), "Docker is not available");
        try (Network network = Network.newNetwork();
                ContainerPod pod = ContainerPod.start(
                        ContainerStackRuntime.BASE_IMAGE,
                        network,
                        List.of(StackRuntime.STORE, StackRuntime.NORTHEUROPE),
                        List.of(8070, 8071, 8081));
                GenericContainer<?> store = pod.member(ContainerStackRuntime.BASE_IMAGE, 8070)
                        // One line to each connection on 8070 (perl-base is in every Debian and Ubuntu image).
                        .withCommand(
                                "perl",
                                "-MIO::Socket::INET",
                                "-e",
                                "$s = IO::Socket::INET->new(LocalPort => 8070, Listen => 5, ReuseAddr => 1) or die;"
                                        + " while ($c = $s->accept) { print $c \"store\\n\"; close $c }")
                        .waitingFor(Wait.forListeningPorts(8070));
                GenericContainer<?> node =
                        pod.member(ContainerStackRuntime.BASE_IMAGE).withCommand("sleep", "infinity")) {
            store.start();
            node.start();

            // From the host: the holder's port, which the store's handle is given.
            try (Socket socket = new Socket(store.getHost(), store.getMappedPort(8070));
                    InputStream in = socket.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("store\n");
            }
            // ... and at localhost, where the identity handle points (its certificate names localhost).
            try (Socket socket = new Socket("localhost", store.getMappedPort(8070));
                    InputStream in = socket.getInputStream()) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("store\n");
            }
            // From a peer: by the service's name, as the app nodes reach http://metadata-store:8070.
            assertThat(node.execInContainer("getent", "hosts", StackRuntime.STORE)
                            .getStdout())
                    .startsWith(ContainerPod.LOOPBACK);
            assertThat(node.execInContainer(
                                    "perl",
                                    "-MIO::Socket::INET",
                                    "-e",
                                    "print IO::Socket::INET->new(PeerAddr => \"metadata-store:8070\")->getline")
                            .getStdout())
                    .isEqualTo("store\n");

            // Only the holder publishes, only the pod's ports, only on the one address.
            var docker = store.getDockerClient();
            for (GenericContainer<?> member : List.of(store, node)) {
                InspectContainerResponse inspected =
                        docker.inspectContainerCmd(member.getContainerId()).exec();
                assertThat(inspected.getHostConfig().getNetworkMode()).isEqualTo("container:" + pod.id());
                assertThat(inspected.getHostConfig().getPortBindings().getBindings())
                        .isEmpty();
            }
            Map<ExposedPort, Ports.Binding[]> published = docker.inspectContainerCmd(pod.id())
                    .exec()
                    .getNetworkSettings()
                    .getPorts()
                    .getBindings();
            assertThat(published).containsOnlyKeys(ExposedPort.tcp(8070), ExposedPort.tcp(8071), ExposedPort.tcp(8081));
            String address = ContainerPod.bindAddress(store.getHost());
            published
                    .values()
                    .forEach(bindings -> assertThat(bindings)
                            .singleElement()
                            .satisfies(
                                    binding -> assertThat(binding.getHostIp()).isEqualTo(address)));
        } catch (IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
