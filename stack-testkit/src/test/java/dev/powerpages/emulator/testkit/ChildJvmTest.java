package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path dir;

    private Path jar;

    private final ChildJvm childJvm = new ChildJvm(StackWiring.bundled(), Map.of());

    @BeforeEach
    void jar() throws IOException {
        jar = Files.createDirectories(dir.resolve("app-node/target")).resolve("app-node-0.1.0-SNAPSHOT.jar");
        Files.write(jar, new byte[1234]);
        Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-12-05T20:00:00.700Z")));
    }

    @Test
    void givesEachChildTheJvmOptionsTheRepositorysEnvFileGivesThatService() {
        StackWiring wiring = StackWiring.bundled();

        assertThat(childJvm.options(StackService.METADATA_STORE, jar, 17))
                .containsExactlyElementsOf(
                        concat(split(wiring.value("JAVA_OPTS")), split(wiring.value("SUPPORT_JAVA_OPTS"))));
        assertThat(childJvm.options(StackService.GATEWAY, jar, 17))
                .containsExactlyElementsOf(
                        concat(split(wiring.value("JAVA_OPTS")), split(wiring.value("GATEWAY_JAVA_OPTS"))));
        assertThat(childJvm.options(StackService.REGION_FRONT, jar, 17))
                .containsExactlyElementsOf(split(wiring.value("FRONT_JAVA_OPTS")));
        assertThat(childJvm.options(StackService.APP_NODE, jar, 25))
                .containsSubsequence("-Xmx384m", "-XX:+UseCompactObjectHeaders")
                .doesNotContain("-XX:TieredStopAtLevel=1");
    }

    @Test
    void anOptionListSetInTheEnvironmentWinsOverTheEnvFileAsInTheStackScript() {
        ChildJvm exported = new ChildJvm(
                StackWiring.bundled(), Map.of("JAVA_OPTS", "-XX:+UseSerialGC  -Xmx1g", "SUPPORT_JAVA_OPTS", ""));

        assertThat(exported.options(StackService.METADATA_STORE, jar, 17))
                .containsExactly("-XX:+UseSerialGC", "-Xmx1g");
    }

    @Test
    void startsAJarBuiltWithProcessAotOnItsGeneratedBeanDefinitionsUnlessTurnedOff() throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(
                    new JarEntry("BOOT-INF/classes/dev/x/NodeApplication__ApplicationContextInitializer.class"));
            out.closeEntry();
        }
        Path plain = dir.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(plain))) {
            out.putNextEntry(new JarEntry("BOOT-INF/classes/dev/x/NodeApplication.class"));
            out.closeEntry();
        }

        assertThat(childJvm.options(StackService.APP_NODE, jar, 17)).contains("-Dspring.aot.enabled=true");
        assertThat(childJvm.options(StackService.APP_NODE, plain, 17)).doesNotContain("-Dspring.aot.enabled=true");
        assertThat(new ChildJvm(StackWiring.bundled(), Map.of("STACK_SPRING_AOT", "0"))
                        .options(StackService.APP_NODE, jar, 17))
                .doesNotContain("-Dspring.aot.enabled=true");
    }

    @Test
    void startsFromTheStackScriptsAppCdsArchiveMadeForThisJarOnJava17() throws IOException {
        Path java = fakeJdk("jdk-17", "17.0.15");
        Path variant = variant("1111", java, childJvm.options(StackService.APP_NODE, jar, 17), "app.jsa");

        List<String> command = childJvm.command(StackService.APP_NODE, jar);

        assertThat(command.get(0)).isEqualTo(java.toString());
        assertThat(command)
                .containsSequence(
                        "-XX:SharedArchiveFile=" + variant.resolve("app.jsa"),
                        "-jar",
                        variant.resolve("app/app-node-0.1.0-SNAPSHOT.jar").toString())
                .containsSubsequence("-XX:+UseSerialGC", "-Xms32m", "-Xmx384m");
    }

    @Test
    void startsFromTheAotCacheOnTheJdk25TheArchiveWasMadeWithAsTheStackScriptStampsIt() throws IOException {
        Path java = fakeJdk("jdk-25", "25.0.1");
        Path variant = variant("2222", java, childJvm.options(StackService.METADATA_STORE, jar, 25), "app.aot");

        List<String> command = childJvm.command(StackService.METADATA_STORE, jar);

        assertThat(command.get(0)).isEqualTo(java.toString());
        assertThat(command)
                .contains("-XX:+UseCompactObjectHeaders", "-XX:TieredStopAtLevel=1", "-XX:TrimNativeHeapInterval=5000")
                .containsSequence(
                        "-XX:AOTCache=" + variant.resolve("app.aot"),
                        "-jar",
                        variant.resolve("app/app-node-0.1.0-SNAPSHOT.jar").toString());
    }

    @Test
    void startsFromTheJarOnTheTestsJdkWhenNoStampMatchesThisBuildTheseOptionsOrASuccessfulTraining()
            throws IOException {
        Path java = fakeJdk("jdk-17", "17.0.15");
        List<String> options = childJvm.options(StackService.APP_NODE, jar, 17);
        variant("a", java, options, "app.jsa");
        // an earlier build of the jar, other options, a failed training run
        Files.writeString(
                dir.resolve("app-node/target/startup/a/stamp"),
                "1234 " + (Files.getLastModifiedTime(jar).toInstant().getEpochSecond() - 60) + " " + java + " "
                        + String.join(" ", options) + "\n");
        variant("b", java, List.of("-XX:+UseSerialGC", "-Xmx2g"), "app.jsa");
        Path failed = variant("c", java, options, "app.jsa");
        Files.writeString(failed.resolve("stamp"), "failed " + Files.readString(failed.resolve("stamp")));

        List<String> command = childJvm.command(StackService.APP_NODE, jar);

        assertThat(command.get(0))
                .isEqualTo(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
        assertThat(command).endsWith("-jar", jar.toString());
        assertThat(command).noneMatch(argument -> argument.startsWith("-XX:SharedArchiveFile"));
        // the script's heap options, and C1 only, as the kit ran its children before
        assertThat(command).contains("-Xms32m", "-Xmx384m", "-XX:TieredStopAtLevel=1");
    }

    @Test
    void startsFromTheJarWhenTheArchiveItselfIsMissing() throws IOException {
        Path java = fakeJdk("jdk-17", "17.0.15");
        Path variant = variant("d", java, childJvm.options(StackService.APP_NODE, jar, 17), "app.jsa");
        Files.delete(variant.resolve("app.jsa"));

        assertThat(childJvm.command(StackService.APP_NODE, jar)).endsWith("-jar", jar.toString());
    }

    /**
     * A variant folder as {@code ./stack}'s {@code train_now} leaves it: the jar unpacked into {@code app/}, the
     * archive, and the stamp {@code archive_stamp} writes: {@code printf '%s %s %s\n' "<size> <mtime>" "$SERVICE_JAVA"
     * "$(java_opts_of) $(java_extra_opts)"}, where {@code java_extra_opts} prints one line per group of options.
     */
    private Path variant(String name, Path java, List<String> options, String archive) throws IOException {
        Path variant =
                Files.createDirectories(dir.resolve("app-node/target/startup").resolve(name));
        Files.createDirectories(variant.resolve("app"));
        Files.write(variant.resolve("app").resolve(jar.getFileName()), new byte[10]);
        Files.write(variant.resolve(archive), new byte[10]);
        String stampedOptions = String.join(" ", options)
                .replace(" --enable-native-access", "  --enable-native-access")
                .replace(" -XX:+UseCompactObjectHeaders", "\n-XX:+UseCompactObjectHeaders");
        Files.writeString(
                variant.resolve("stamp"),
                Files.size(jar) + " "
                        + Files.getLastModifiedTime(jar).toInstant().getEpochSecond() + " " + java + " "
                        + stampedOptions + "\n");
        return variant;
    }

    /** A JDK folder with a {@code release} file and an executable {@code bin/java}, as {@code ./stack} finds one. */
    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name).resolve("bin")).getParent();
        Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
        Path java = home.resolve("bin/java");
        Files.writeString(java, "#!/bin/sh\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return java;
    }

    private static List<String> split(String options) {
        return Arrays.asList(options.strip().split("\\s+"));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
