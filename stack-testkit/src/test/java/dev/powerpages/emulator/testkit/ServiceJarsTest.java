package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceJarsTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        System.clearProperty(ServiceJars.JARS_DIR_PROPERTY);
        System.clearProperty(ServiceJars.JAR_PROPERTY_PREFIX + "gateway");
    }

    @Test
    void findsEachServiceJarOnTheClasspathThroughTheKitsOwnDependencies() {
        for (StackService service : StackService.values()) {
            Path jar = ServiceJars.locate(service);
            assertThat(jar.getFileName().toString())
                    .startsWith(service.artifactId() + "-")
                    .endsWith(".jar");
        }
    }

    @Test
    void prefersTheJarsInTheConfiguredDirectory() throws IOException {
        Path jar = bootJar(dir.resolve("gateway-9.9.9.jar"));
        bootJar(dir.resolve("gateway-9.9.9.jar.original"));
        System.setProperty(ServiceJars.JARS_DIR_PROPERTY, dir.toString());

        assertThat(ServiceJars.locate(StackService.GATEWAY)).isEqualTo(jar);
    }

    @Test
    void findsTheJarsOfAnEmulatorCheckoutUnderEachModulesTarget() throws IOException {
        Path jar =
                bootJar(Files.createDirectories(dir.resolve("gateway/target")).resolve("gateway-0.1.0-SNAPSHOT.jar"));
        System.setProperty(ServiceJars.JARS_DIR_PROPERTY, dir.toString());

        assertThat(ServiceJars.locate(StackService.GATEWAY)).isEqualTo(jar);
    }

    @Test
    void ignoresAPlainJarThatIsNotASpringBootExecutable() throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(dir.resolve("gateway-1.0.jar")))) {
            out.putNextEntry(new JarEntry("dev/powerpages/Some.class"));
        }
        System.setProperty(ServiceJars.JARS_DIR_PROPERTY, dir.toString());

        assertThatIllegalStateException()
                .isThrownBy(() -> ServiceJars.locate(StackService.GATEWAY))
                .withMessageContaining("no gateway-*.jar")
                .withMessageContaining("./mvnw package");
    }

    @Test
    void aJarNamedForOneServiceWins() throws IOException {
        Path jar = bootJar(dir.resolve("custom.jar"));
        System.setProperty(ServiceJars.JAR_PROPERTY_PREFIX + "gateway", jar.toString());

        assertThat(ServiceJars.locate(StackService.GATEWAY)).isEqualTo(jar.toAbsolutePath());
    }

    private static Path bootJar(Path path) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(path))) {
            out.putNextEntry(new JarEntry("BOOT-INF/classes/"));
            out.closeEntry();
        }
        return path;
    }
}
