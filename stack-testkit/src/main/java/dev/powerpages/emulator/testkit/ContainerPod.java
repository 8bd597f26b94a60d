package dev.powerpages.emulator.testkit;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.utility.DockerImageName;

/**
 * The one network namespace a kit stack's containers share, as the containers of a Kubernetes pod share theirs: a
 * small holder container (the base image running {@code sleep}) on the stack's private network publishes every
 * service's port, on one address ({@link #bindAddress}), and names each service in its {@code /etc/hosts} as
 * {@code 127.0.0.1}; each service's container joins it ({@code --network container:<holder>}), so the services still
 * reach each other by name ({@code http://metadata-store:8070}), each on its own port.
 *
 * <p>Why: Docker's start of a container on a user-defined network is the daemon's heaviest per-container work on this
 * project's machines (Docker 20.10): a network endpoint, the embedded DNS resolver set up inside the container's
 * namespace (a re-exec of {@code dockerd} and eight {@code iptables} runs), the port's NAT rules and two
 * {@code docker-proxy} processes per published port (IPv4 and IPv6). Five sleeping containers took the daemons 2.5-3.1
 * CPU-s that way, a holder and five joined ones 1.1-1.4 CPU-s (docs/benchmarks.md, "Docker's own start of the kit's
 * containers"). The daemon is one host process beside five starting JVMs, so its work decided when the last container
 * (often the store's, the critical path) ran. Joining a namespace costs the daemon almost nothing.
 *
 * <p>What a test notices: the handles' ports are where they were ({@code localhost} for a local daemon), bound to the
 * loopback address only there (a test's stack, whose admin key is the well-known one, is not reachable from other
 * machines); a restarted container keeps
 * its port (the holder keeps it); a killed service's port refuses connections at once, as a killed process's does in
 * the other modes, where a container on a network of its own vanished from it (its peers' connects timed out).
 */
final class ContainerPod implements AutoCloseable {

    /** The address every service's name stands for inside the pod. */
    static final String LOOPBACK = "127.0.0.1";

    /** Every IPv4 interface. */
    static final String ALL_INTERFACES = "0.0.0.0";

    private final GenericContainer<?> holder;

    private ContainerPod(GenericContainer<?> holder) {
        this.holder = holder;
    }

    /**
     * Creates and starts the holder on {@code network}, publishing {@code ports} (TCP) and naming {@code names} as the
     * loopback address.
     */
    static ContainerPod start(String image, Network network, Collection<String> names, Collection<Integer> ports) {
        List<ExposedPort> exposed = ports.stream().map(ExposedPort::tcp).toList();
        String bindAddress = bindAddress(DockerClientFactory.instance().dockerHostIpAddress());
        GenericContainer<?> holder = new GenericContainer<>(DockerImageName.parse(image))
                .withCommand("sleep", "infinity")
                .withNetwork(network)
                // Nothing to wait for: the holder only holds the namespace.
                .waitingFor(new AbstractWaitStrategy() {
                    @Override
                    protected void waitUntilReady() {}
                })
                .withStartupTimeout(Duration.ofMinutes(1))
                .withCreateContainerCmdModifier(create -> {
                    create.withExposedPorts(exposed);
                    create.getHostConfig()
                            .withPublishAllPorts(false)
                            .withPortBindings(exposed.stream()
                                    .map(port -> new PortBinding(Ports.Binding.bindIp(bindAddress), port))
                                    .toList());
                });
        names.forEach(name -> holder.withExtraHost(name, LOOPBACK));
        holder.start();
        return new ContainerPod(holder);
    }

    /**
     * The one address the ports are published on: the loopback address where the kit reaches Docker's published ports
     * on this machine's loopback (Testcontainers' {@code getHost()} is {@code localhost} for a local daemon); otherwise
     * (the test itself in a container, which reaches them at the bridge's gateway; a daemon elsewhere) every IPv4
     * interface, which also holds {@code localhost}, where the identity handle's URL points (its certificate names
     * {@code localhost}). One address also means one {@code docker-proxy} per port where Docker's default starts two
     * (IPv4 and IPv6).
     */
    static String bindAddress(String dockerHost) {
        try {
            InetAddress address = InetAddress.getByName(dockerHost);
            if (address.isLoopbackAddress()) {
                return address.getHostAddress();
            }
        } catch (IOException | RuntimeException ex) {
            // An address the kit cannot place: every interface.
        }
        return ALL_INTERFACES;
    }

    /**
     * A container of {@code image} that joins the pod's namespace and listens on {@code ports} there; the holder
     * publishes them.
     */
    GenericContainer<?> member(String image, Integer... ports) {
        return member(image, startedAt -> {}, ports);
    }

    /**
     * The same, {@code onRunning} told when Docker started it (its {@code State.StartedAt}, on the daemon's clock),
     * once Testcontainers has seen it running.
     */
    GenericContainer<?> member(String image, Consumer<Instant> onRunning, Integer... ports) {
        return new Member(DockerImageName.parse(image), this, List.of(ports), onRunning);
    }

    /** The host port the holder publishes a service's port on; it never changes while the pod runs. */
    int mappedPort(int port) {
        return holder.getMappedPort(port);
    }

    String id() {
        return holder.getContainerId();
    }

    /** When Docker started the holder ({@code State.StartedAt}, on the daemon's clock). */
    Instant startedAt() {
        return Instant.parse(holder.getContainerInfo().getState().getStartedAt());
    }

    @Override
    public void close() {
        holder.stop();
    }

    /**
     * A service's container in the pod: Testcontainers asks it for its ports and their mapping (its HTTP wait, its
     * log), the holder has them. They are not given to Docker: a container in another's namespace may neither expose
     * nor publish ports.
     */
    private static final class Member extends GenericContainer<Member> {

        private final ContainerPod pod;
        private final List<Integer> ports;
        private final Consumer<Instant> onRunning;

        Member(DockerImageName image, ContainerPod pod, List<Integer> ports, Consumer<Instant> onRunning) {
            super(image);
            this.pod = pod;
            this.ports = ports;
            this.onRunning = onRunning;
            withNetworkMode("container:" + pod.id());
        }

        @Override
        protected void containerIsStarting(InspectContainerResponse containerInfo) {
            try {
                onRunning.accept(Instant.parse(containerInfo.getState().getStartedAt()));
            } catch (RuntimeException ex) {
                // Only the ready line's figure is lost.
            }
            super.containerIsStarting(containerInfo);
        }

        @Override
        public Integer getMappedPort(int originalPort) {
            return pod.mappedPort(originalPort);
        }

        @Override
        public List<Integer> getExposedPorts() {
            return ports;
        }
    }
}
