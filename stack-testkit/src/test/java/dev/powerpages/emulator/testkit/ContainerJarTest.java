package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerJarTest {

    private static final List<String> OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    @TempDir
    Path dir;

    @BeforeEach
    void cacheInTheTemporaryFolder() {
        System.setProperty(ContainerJar.CACHE_DIR_PROPERTY, dir.resolve("cache").toString());
    }

    @AfterEach
    void clearProperty() {
        System.clearProperty(ContainerJar.CACHE_DIR_PROPERTY);
    }

    @Test
    void aJarSpringBootsToolsCannotUnpackRunsAsItIs() throws IOException {
        Path jar = dir.resolve("gateway-0.1.0-SNAPSHOT.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("BOOT-INF/classes/dev/x/GatewayApplication.class"));
            out.closeEntry();
        }

        assertThat(ContainerJar.unpacked(StackService.GATEWAY, jar)).isEmpty();
    }

    @Test
    void mapsAnArchiveOnlyOnceOneWasMadeForTheSameOptions() throws IOException {
        ContainerJar unpacked =
                new ContainerJar(Files.createDirectories(dir.resolve("gateway-1-2")), "gateway-0.1.0-SNAPSHOT.jar");
        assertThat(unpacked.archiveInContainer(OPTIONS)).isEmpty();
        assertThat(unpacked.needsTraining(OPTIONS)).isTrue();

        Files.writeString(unpacked.archive(OPTIONS), "an archive");

        assertThat(unpacked.archiveInContainer(OPTIONS))
                .hasValue(ContainerJar.IN_CONTAINER + "/"
                        + unpacked.archive(OPTIONS).getFileName());
        assertThat(unpacked.needsTraining(OPTIONS)).isFalse();
        List<String> otherOptions = List.of("-XX:+UseSerialGC");
        assertThat(unpacked.archive(otherOptions)).isNotEqualTo(unpacked.archive(OPTIONS));
        assertThat(unpacked.archiveInContainer(otherOptions)).isEmpty();
        assertThat(unpacked.jarInContainer()).isEqualTo("/stack/app/gateway-0.1.0-SNAPSHOT.jar");
    }
}
