package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerCpuTest {

    private static final Info CGROUPFS_V1 = new Info()
            .withCGroupDriver("cgroupfs")
            .withCGroupVersion("1")
            .withSecurityOptions(List.of("name=seccomp,profile=default"))
            .withOperatingSystem("Debian GNU/Linux 12 (bookworm)");

    @Test
    void onCgroupfsV1EachContainerGetsItsOwnGroupAtTheRootWeightedLikeComposesCgroupsFile() {
        ContainerCpu cpu = ContainerCpu.of(CGROUPFS_V1, Map.<String, String>of()::get);

        HostConfig store = cpu.applyTo(HostConfig.newHostConfig(), StackRuntime.STORE);
        HostConfig gateway = cpu.applyTo(HostConfig.newHostConfig(), StackRuntime.GATEWAY);

        assertThat(store.getCgroupParent()).isEqualTo("/");
        assertThat(store.getCpuShares()).isEqualTo(4096);
        assertThat(gateway.getCgroupParent()).isEqualTo("/");
        assertThat(gateway.getCpuShares()).isEqualTo(2048);
        assertThat(cpu.note()).contains("own CPU group");
    }

    @Test
    void theSystemdDriverKeepsDockersOwnGroupAndTheWeightsWithinIt() {
        Info systemd = new Info().withCGroupDriver("systemd").withCGroupVersion("2");

        ContainerCpu cpu = ContainerCpu.of(systemd, Map.<String, String>of()::get);

        HostConfig store = cpu.applyTo(HostConfig.newHostConfig(), StackRuntime.STORE);
        assertThat(store.getCgroupParent()).isNull();
        assertThat(store.getCpuShares()).isEqualTo(2048);
        assertThat(cpu.applyTo(HostConfig.newHostConfig(), StackRuntime.GATEWAY).getCpuShares())
                .isEqualTo(512);
        assertThat(cpu.applyTo(HostConfig.newHostConfig(), "northeurope").getCpuShares())
                .isEqualTo(1024);
        assertThat(cpu.note()).isEmpty();
    }

    @Test
    void cgroupV2RootlessDockerAndDockerDesktopStartAsBefore() {
        assertThat(ContainerCpu.rootParentAllowed("cgroupfs", "2", List.of(), "Debian"))
                .isFalse();
        assertThat(ContainerCpu.rootParentAllowed("cgroupfs", "1", List.of("name=seccomp", "name=rootless"), "Debian"))
                .isFalse();
        assertThat(ContainerCpu.rootParentAllowed("cgroupfs", "1", List.of(), "Docker Desktop"))
                .isFalse();
        assertThat(ContainerCpu.rootParentAllowed(null, null, null, null)).isFalse();
        // A daemon older than 20.10 reports no cgroup version; it knew only v1.
        assertThat(ContainerCpu.rootParentAllowed("cgroupfs", null, null, "Debian"))
                .isTrue();
    }

    @Test
    void theSwitchPutsEveryContainerBackInDockersGroup() {
        ContainerCpu cpu = ContainerCpu.of(CGROUPFS_V1, Map.of(ContainerCpu.CPU_GROUPS_PROPERTY, "false")::get);

        assertThat(cpu.cgroupParent()).isEmpty();
        assertThat(cpu.applyTo(HostConfig.newHostConfig(), StackRuntime.STORE).getCpuShares())
                .isEqualTo(2048);
    }

    @Test
    void withoutWeightsEveryContainerHasDockersDefaultWhereverItsGroupIs() {
        ContainerCpu cpu = ContainerCpu.of(CGROUPFS_V1, Map.of(ContainerCpu.CPU_WEIGHTS_PROPERTY, "false")::get);

        HostConfig store = cpu.applyTo(HostConfig.newHostConfig(), StackRuntime.STORE);
        assertThat(store.getCgroupParent()).isEqualTo("/");
        assertThat(store.getCpuShares()).isEqualTo(1024);
    }

    @Test
    void aDaemonThatCouldNotBeAskedLeavesTheGroupsAsTheyAre() {
        assertThat(ContainerCpu.of(null, Map.<String, String>of()::get).cgroupParent())
                .isEqualTo(Optional.empty());
    }

    @Test
    void aTrainingRunKeepsItsSmallWeightAndGoesWhereTheStacksContainersGo() {
        HostConfig atRoot = ContainerCpu.of(CGROUPFS_V1, Map.<String, String>of()::get)
                .applyToTraining(HostConfig.newHostConfig(), 32);
        HostConfig inDocker = new ContainerCpu(Optional.empty(), true).applyToTraining(HostConfig.newHostConfig(), 32);

        assertThat(atRoot.getCgroupParent()).isEqualTo("/");
        assertThat(atRoot.getCpuShares()).isEqualTo(32);
        assertThat(inDocker.getCgroupParent()).isNull();
        assertThat(inDocker.getCpuShares()).isEqualTo(32);
    }
}
