package dev.powerpages.emulator.testkit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.net.URI;
import java.time.Duration;
import org.testcontainers.containers.GenericContainer;

/**
 * One service in a container of the stack's pod ({@link ContainerPod}). {@link #kill()} sends SIGKILL through the
 * Docker API; {@link #restart()} starts the same container again (same environment, same place in the pod), on the
 * same host port, which the pod's holder publishes.
 */
final class ServiceContainer implements RunningService {

    private final String name;
    private final GenericContainer<?> container;
    private final int port;
    private final String healthPath;
    private final Duration startupTimeout;
    private final Runnable onHealthy;
    private volatile String baseUrl;

    /** @param onHealthy told when the container's first start has answered its health path */
    ServiceContainer(
            String name,
            GenericContainer<?> container,
            int port,
            String healthPath,
            Duration startupTimeout,
            Runnable onHealthy) {
        this.name = name;
        this.onHealthy = onHealthy;
        this.container = container;
        this.port = port;
        this.healthPath = healthPath;
        this.startupTimeout = startupTimeout;
    }

    void start() {
        try {
            container.start();
        } catch (RuntimeException ex) {
            throw new IllegalStateException(name + " did not start in its container:\n" + logTail(), ex);
        }
        baseUrl = "http://" + container.getHost() + ":" + container.getMappedPort(port);
        onHealthy.run();
    }

    void stop() {
        container.stop();
    }

    /** The host port Docker mapped to one of the container's ports. */
    int mappedPort(int containerPort) {
        return container.getMappedPort(containerPort);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI url(String path) {
        return URI.create(baseUrl + path);
    }

    @Override
    public void kill() {
        if (isRunning()) {
            docker().killContainerCmd(container.getContainerId())
                    .withSignal("KILL")
                    .exec();
        }
    }

    @Override
    public void restart() {
        if (isRunning()) {
            docker().stopContainerCmd(container.getContainerId()).exec();
        }
        docker().startContainerCmd(container.getContainerId()).exec();
        // The URL stays: the pod's holder publishes the port, and it kept running.
        awaitHealthy();
    }

    @Override
    public boolean isRunning() {
        String id = container.getContainerId();
        if (id == null) {
            return false;
        }
        Boolean running = docker().inspectContainerCmd(id).exec().getState().getRunning();
        return Boolean.TRUE.equals(running);
    }

    @Override
    public String healthPath() {
        return healthPath;
    }

    @Override
    public Duration startupTimeout() {
        return startupTimeout;
    }

    /** A container that stopped after its start will not answer: its exit code tells why. */
    @Override
    public String startFailure() {
        String id = container.getContainerId();
        if (id == null) {
            return "has no container";
        }
        InspectContainerResponse.ContainerState state =
                docker().inspectContainerCmd(id).exec().getState();
        return Boolean.TRUE.equals(state.getRunning()) ? null : "exited with " + state.getExitCodeLong();
    }

    @Override
    public String logTail() {
        String[] lines = log().split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 60), lines.length));
    }

    /** The container's whole log (standard output and error), which goes with the container when it is removed. */
    String log() {
        try {
            return container.getContainerId() == null ? "(no container)" : container.getLogs();
        } catch (RuntimeException ex) {
            return "(logs unavailable: " + ex.getMessage() + ")";
        }
    }

    private DockerClient docker() {
        return container.getDockerClient();
    }
}
