package dev.powerpages.emulator.testkit;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.testcontainers.DockerClientFactory;

/**
 * Where the kit's containers take their CPU from: the CPU group Docker puts each one in and its weight in it.
 *
 * <p>On a Linux Docker Engine with the cgroupfs driver on cgroup v1 (this project's machines and CI), Docker puts every
 * container's group under {@code /docker}, a group whose weight ({@code cpu.shares} 1024) is that of one host thread:
 * the five JVMs starting together share one thread's slice of a busy machine, and their {@code --cpu-shares} only rank
 * them among themselves. There, each container gets a group of its own at the root ({@code cgroupParent "/"}; Docker
 * names it {@code /<container id>}), weighted like a few host threads, as the opt-in {@code docker-compose.cgroups.yml}
 * does for compose (docs/benchmarks.md, "Compose, second look": 1.17x of {@code ./stack} against about 5x in
 * {@code /docker}). Everywhere else the containers start exactly as before: the systemd driver (Docker on most cgroup
 * v2 hosts) accepts only a systemd slice as parent and would refuse to create them, rootless Docker cannot write the
 * root group, cgroup v2 weighs groups differently (untried here), and Docker Desktop is untried. The kit decides this
 * itself, from the daemon's {@code docker info}, because it creates its own containers: there is no file to opt into.
 *
 * @param cgroupParent the parent group each container gets ({@code "/"}), or empty: Docker's own ({@code /docker})
 * @param weighted whether the containers get weights by their place on the path to ready, or all Docker's default
 */
record ContainerCpu(Optional<String> cgroupParent, boolean weighted) {

    /** {@code -Dpowerpages.stack.containers.cpu-groups=false}: every container in Docker's own group, as before. */
    static final String CPU_GROUPS_PROPERTY = "powerpages.stack.containers.cpu-groups";

    /** {@code -Dpowerpages.stack.containers.cpu-weights=false}: every container at Docker's default weight. */
    static final String CPU_WEIGHTS_PROPERTY = "powerpages.stack.containers.cpu-weights";

    /** The root of the CPU hierarchy, as {@code cgroup_parent: /} in docker-compose.cgroups.yml. */
    static final String ROOT = "/";

    /** Docker's default {@code --cpu-shares}; also a cgroup v1 host thread's weight at nice 0. */
    static final int DEFAULT_SHARES = 1024;

    /** As Docker's daemon describes itself, and as the system properties say; asked once per stack. */
    static ContainerCpu ofThisDaemon() {
        Info info;
        try {
            info = DockerClientFactory.instance().getInfo();
        } catch (RuntimeException ex) {
            info = null;
        }
        return of(info, System::getProperty);
    }

    static ContainerCpu of(Info daemon, UnaryOperator<String> properties) {
        boolean weighted = !"false".equals(properties.apply(CPU_WEIGHTS_PROPERTY));
        if (daemon == null || "false".equals(properties.apply(CPU_GROUPS_PROPERTY))) {
            return new ContainerCpu(Optional.empty(), weighted);
        }
        return new ContainerCpu(
                rootParentAllowed(
                                daemon.getCGroupDriver(),
                                daemon.getCGroupVersion(),
                                daemon.getSecurityOptions(),
                                daemon.getOperatingSystem())
                        ? Optional.of(ROOT)
                        : Optional.empty(),
                weighted);
    }

    /**
     * Whether a container may get its own group at the root: the cgroupfs driver on cgroup v1 (a daemon older than
     * 20.10 reports no version, and knew only v1), Docker as root, not Docker Desktop.
     */
    static boolean rootParentAllowed(
            String driver, String cgroupVersion, List<String> securityOptions, String operatingSystem) {
        boolean cgroupfs = driver != null && driver.toLowerCase(Locale.ROOT).equals("cgroupfs");
        boolean v1 = cgroupVersion == null
                || cgroupVersion.isBlank()
                || cgroupVersion.strip().equals("1");
        boolean rootless = securityOptions != null
                && securityOptions.stream().anyMatch(option -> option.contains("name=rootless"));
        boolean desktop = operatingSystem != null && operatingSystem.contains("Docker Desktop");
        return cgroupfs && v1 && !rootless && !desktop;
    }

    /**
     * The service's CPU weight ({@code --cpu-shares}), by its place on the path to ready: the store's start is the
     * critical path (the app nodes are healthy only once it has served their first site load).
     *
     * <p>In a group of its own at the root a weight is counted against the host's threads, 1024 each: there the kit
     * gives what docker-compose.cgroups.yml gives, about the runnable threads of one starting JVM (its main thread, two
     * JIT compiler threads, the collector), the store twice that; the gateway and the traffic manager at less than a
     * thread would starve beside a busy host. Inside {@code /docker} the weights only share out that group's one
     * thread among the five: the store 2048, the app nodes 1024, the traffic manager and the gateway (healthy seconds
     * earlier than the others without weights) 512.
     */
    int shares(String service) {
        if (!weighted) {
            return DEFAULT_SHARES;
        }
        if (cgroupParent.isPresent()) {
            return service.equals(StackRuntime.STORE) ? 4096 : 2048;
        }
        return switch (service) {
            case StackRuntime.STORE -> 2048;
            case StackRuntime.TRAFFIC_MANAGER, StackRuntime.GATEWAY -> 512;
            default -> DEFAULT_SHARES;
        };
    }

    /** The service's container's host configuration with its group and weight. */
    HostConfig applyTo(HostConfig host, String service) {
        HostConfig weightedHost = host.withCpuShares(shares(service));
        return cgroupParent.map(weightedHost::withCgroupParent).orElse(weightedHost);
    }

    /**
     * A training run's host configuration: its own small weight ({@code shares}, so that it takes only the cores the
     * stack leaves idle) in a group of its own at the root where the stack's containers have theirs there (in
     * {@code /docker} it would share that group's whole weight with no one).
     */
    HostConfig applyToTraining(HostConfig host, int shares) {
        HostConfig weightedHost = host.withCpuShares(shares);
        return cgroupParent.map(weightedHost::withCgroupParent).orElse(weightedHost);
    }

    /** For the ready line: where the containers' CPU groups are. */
    String note() {
        return cgroupParent.isPresent() ? "each container its own CPU group at the root (cgroupfs)" : "";
    }
}
