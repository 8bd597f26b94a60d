package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.model.HostConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/** A container made as the kit makes the store's, on this machine's Docker: which CPU group it sits in. */
class ContainerCpuGroupTest {

    @Test
    void theStoresContainerSitsInItsOwnCpuGroupAtTheRootWhereDockerUsesCgroupfsOnV1() throws Exception {
        assumeTrue(ContainerStackRuntime.dockerAvailable(), "Docker is not available");
        ContainerCpu cpu = ContainerCpu.ofThisDaemon();
        try (GenericContainer<?> container = ContainerStackRuntime.withCpu(
                        new GenericContainer<>(DockerImageName.parse(ContainerStackRuntime.BASE_IMAGE)),
                        cpu,
                        StackRuntime.STORE)
                .withCommand("sleep", "120")) {
            container.start();
            String id = container.getContainerId();
            HostConfig host =
                    container.getDockerClient().inspectContainerCmd(id).exec().getHostConfig();
            List<String> groups = Arrays.asList(container
                    .execInContainer("cat", "/proc/1/cgroup")
                    .getStdout()
                    .split("\n"));

            if (cpu.cgroupParent().isPresent()) {
                assertThat(host.getCgroupParent()).isEqualTo("/");
                assertThat(host.getCpuShares()).isEqualTo(4096);
                // The kernel's weight of the group, where the test sees the daemon's cgroup tree (not from inside a
                // container of its own).
                Path shares = Path.of("/sys/fs/cgroup/cpu", id, "cpu.shares");
                if (Files.exists(shares)) {
                    assertThat(Files.readString(shares).strip()).isEqualTo("4096");
                }
                // cgroup v1: "1:cpu:/<id>" (or "4:cpu,cpuacct:/<id>" where the controllers share a hierarchy), where
                // Docker's own parent gives "/docker/<id>".
                Pattern ownGroup = Pattern.compile("\\d+:([a-z_]+,)*cpu(,[a-z_]+)*:/" + id);
                assertThat(groups).anyMatch(line -> ownGroup.matcher(line).matches());
            } else {
                assertThat(host.getCgroupParent()).isNullOrEmpty();
                assertThat(host.getCpuShares()).isEqualTo(cpu.shares(StackRuntime.STORE));
            }
        }
    }
}
