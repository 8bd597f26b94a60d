package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerStackRuntimeTest {

    @TempDir
    Path dir;

    @Test
    void startsEachContainerWithTheEnvFilesOptionsSpringAotAndC1OnTheMountedJar() throws IOException {
        Path jar = dir.resolve("metadata-store-0.1.0-SNAPSHOT.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(
                    "BOOT-INF/classes/dev/x/MetadataStoreApplication__ApplicationContextInitializer.class"));
            out.closeEntry();
        }
        StackWiring wiring = StackWiring.bundled();

        List<String> command =
                ContainerStackRuntime.command(new ChildJvm(wiring, Map.of()), StackService.METADATA_STORE, jar);

        assertThat(command).first().isEqualTo("java");
        assertThat(command)
                .containsSubsequence(split(wiring.value("JAVA_OPTS")))
                .containsSubsequence(split(wiring.value("SUPPORT_JAVA_OPTS")))
                .contains("-Dspring.aot.enabled=true")
                .containsOnlyOnce("-XX:TieredStopAtLevel=1")
                .endsWith("-jar", ContainerStackRuntime.JAR_IN_CONTAINER);
    }

    @Test
    void givesTheGatewayC1OnlyAndNoSpringAotFlagForAJarWithoutItsCode() throws IOException {
        Path jar = dir.resolve("gateway-0.1.0-SNAPSHOT.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("BOOT-INF/classes/dev/x/GatewayApplication.class"));
            out.closeEntry();
        }

        List<String> command =
                ContainerStackRuntime.command(new ChildJvm(StackWiring.bundled(), Map.of()), StackService.GATEWAY, jar);

        assertThat(command).contains("-XX:TieredStopAtLevel=1").doesNotContain("-Dspring.aot.enabled=true");
    }

    @Test
    void runsTheUnpackedJarWithItsArchiveOnceOneWasMadeForTheseOptions() throws IOException {
        Path jar = dir.resolve("app-node-0.1.0-SNAPSHOT.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("BOOT-INF/classes/dev/x/AppNodeApplication.class"));
            out.closeEntry();
        }
        ChildJvm jvm = new ChildJvm(StackWiring.bundled(), Map.of());
        ContainerJar unpacked = new ContainerJar(
                Files.createDirectories(dir.resolve("cache")), jar.getFileName().toString());

        List<String> withoutArchive =
                ContainerStackRuntime.command(jvm, StackService.APP_NODE, jar, Optional.of(unpacked));
        Files.writeString(
                unpacked.archive(ContainerStackRuntime.options(jvm, StackService.APP_NODE, jar)), "an archive");
        List<String> withArchive =
                ContainerStackRuntime.command(jvm, StackService.APP_NODE, jar, Optional.of(unpacked));

        assertThat(withoutArchive)
                .noneMatch(word -> word.startsWith("-XX:SharedArchiveFile="))
                .endsWith("-jar", "/stack/app/app-node-0.1.0-SNAPSHOT.jar");
        assertThat(withArchive)
                .contains("-XX:SharedArchiveFile=/stack/"
                        + unpacked.archive(ContainerStackRuntime.options(jvm, StackService.APP_NODE, jar))
                                .getFileName())
                .endsWith("-jar", "/stack/app/app-node-0.1.0-SNAPSHOT.jar");
    }

    private static List<String> split(String options) {
        return List.of(options.strip().split("\\s+"));
    }

    @Test
    void theReadyLineSaysWhenTheJarsWereUnpackedAndDockerHadStartedTheContainers() {
        assertThat(ContainerStackRuntime.dockerNote(
                        Duration.ofMillis(1430),
                        Duration.ofMillis(2610),
                        List.of(Duration.ofMillis(4210), Duration.ofMillis(3580), Duration.ofMillis(3900))))
                .isEqualTo("jars unpacked at 1.4 s, network holder running at 2.6 s, service containers running at "
                        + "3.6-4.2 s");
        assertThat(ContainerStackRuntime.dockerNote(null, Duration.ofMillis(2000), List.of()))
                .isEqualTo("network holder running at 2.0 s");
    }
}
