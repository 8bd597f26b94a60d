package dev.powerpages.emulator.stacktests.startup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.stacktests.StackScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./stack archives}' start-up archive variants (one folder per jar, JDK and options under
 * {@code <module>/target/startup/}) across JDKs and builds. The repository's script runs from a copy of its root with
 * stand-in jars and two stand-in JDKs, a "17" and a "25" (a {@code release} file and a {@code bin/java} script that
 * writes the archive its training run is asked for), so each run takes a second and the repository's own archives are
 * never touched.
 */
class StackArchiveVariantsIT {

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(1);
    private static final String MAKING = "Making the start-up archives";
    private static final String GATEWAY_JAR = "gateway-0.1.0-SNAPSHOT.jar";

    /**
     * The stand-in JDK: a training run writes the archive named by its recording option, an extraction makes the
     * destination folder, and anything else is a service that runs until stopped (its command line naming its
     * archive and unpacked jar, as a real service's does).
     */
    private static final String FAKE_JAVA = """
            #!/usr/bin/env bash
            destination=
            previous=
            recorded=false
            for arg in "$@"; do
              case $arg in -XX:ArchiveClassesAtExit=*|-XX:AOTCacheOutput=*) echo archive >"${arg#*=}"; recorded=true ;; esac
              [ "$previous" = --destination ] && destination=$arg
              previous=$arg
            done
            if [ -n "$destination" ]; then mkdir -p "$destination"; exit 0; fi
            $recorded && exit 0
            trap 'kill $! 2>/dev/null; exit 0' TERM
            sleep 300 &
            wait
            """;

    @TempDir
    Path work;

    private Path root;
    private Path jdk17;
    private Path jdk25;

    @BeforeEach
    void repositoryCopyAndJdks() throws IOException {
        root = Files.createDirectories(work.resolve("repo"));
        Files.copy(StackScript.ROOT.resolve("stack"), root.resolve("stack"));
        Files.setPosixFilePermissions(root.resolve("stack"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.copy(StackScript.ROOT.resolve(".env"), root.resolve(".env"));
        for (String module : List.of("metadata-store", "app-node", "traffic-manager", "gateway", "stack-cli")) {
            Path target = Files.createDirectories(root.resolve(module).resolve("target"));
            Files.writeString(target.resolve(module + "-0.1.0-SNAPSHOT.jar"), "a stand-in jar");
        }
        jdk17 = fakeJdk("jdk17", "17.0.15");
        jdk25 = fakeJdk("jdk25", "25.0.1");
    }

    @Test
    void variantsForTwoJdksOfOneJarLiveSideBySide() {
        assertThat(archives(jdk17)).contains(MAKING);
        assertThat(archives(jdk25)).contains(MAKING);

        assertThat(variantJdks("gateway")).containsExactlyInAnyOrder(java(jdk17), java(jdk25));
        assertThat(variantJdks("metadata-store")).containsExactlyInAnyOrder(java(jdk17), java(jdk25));
        // Alternating again trains nothing: each JDK finds its own variant.
        assertThat(archives(jdk17)).doesNotContain(MAKING);
        assertThat(archives(jdk25)).doesNotContain(MAKING);
    }

    @Test
    void aNewBuildRemovesTheEarlierBuildsVariantsExceptOneAProcessRunsFrom() throws Exception {
        archives(jdk17);
        archives(jdk25);
        Path old17 = variantOf("gateway", jdk17);
        Path old25 = variantOf("gateway", jdk25);
        Path jar = root.resolve("gateway/target").resolve(GATEWAY_JAR);
        Files.writeString(jar, "a rebuilt stand-in jar");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 10_000));

        // Another stack (another STACK_HOME) still runs the earlier gateway from its Java 17 variant.
        Process running = new ProcessBuilder(
                        java(jdk17),
                        "-XX:SharedArchiveFile=" + old17.resolve("app.jsa"),
                        "-jar",
                        old17.resolve("app").resolve(GATEWAY_JAR).toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("running.log").toFile())
                .start();
        try {
            assertThat(archives(jdk25)).contains(MAKING);
            assertThat(old25).doesNotExist();
            assertThat(old17).isDirectory();
            assertThat(variantJdks("gateway")).containsExactlyInAnyOrder(java(jdk17), java(jdk25));
        } finally {
            running.destroy();
            running.waitFor(10, TimeUnit.SECONDS);
        }

        // Once nothing runs from it, the next training of the module removes it.
        assertThat(archives(jdk17)).contains(MAKING);
        assertThat(old17).doesNotExist();
        assertThat(variantJdks("gateway")).containsExactlyInAnyOrder(java(jdk17), java(jdk25));
        // The other modules' jars did not change: their variants of both JDKs stay.
        assertThat(variantJdks("app-node")).containsExactlyInAnyOrder(java(jdk17), java(jdk25));
    }

    /** {@code ./stack archives} on the given JDK; what it printed. */
    private String archives(Path jdk) {
        try {
            Path out = Files.createTempFile(work, "archives", ".txt");
            ProcessBuilder builder = new ProcessBuilder("./stack", "archives")
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            builder.environment().put("STACK_JAVA", java(jdk));
            builder.environment().put("STACK_HOME", work.resolve("home").toString());
            Process process = builder.start();
            if (!process.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("./stack archives did not finish within " + RUN_TIMEOUT);
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(printed).isZero();
            return printed;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** The java each of the module's variants was made with (the stamp's third field). */
    private List<String> variantJdks(String module) {
        try (Stream<Path> variants = Files.list(root.resolve(module).resolve("target/startup"))) {
            return variants.filter(Files::isDirectory)
                    .map(variant -> stampOf(variant).split("\\s+")[2])
                    .toList();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private Path variantOf(String module, Path jdk) throws IOException {
        try (Stream<Path> variants = Files.list(root.resolve(module).resolve("target/startup"))) {
            return variants.filter(Files::isDirectory)
                    .filter(variant -> stampOf(variant).split("\\s+")[2].equals(java(jdk)))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static String stampOf(Path variant) {
        try {
            return Files.readString(variant.resolve("stamp"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private Path fakeJdk(String name, String version) throws IOException {
        Path home = Files.createDirectories(work.resolve(name));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    private static String java(Path jdk) {
        return jdk.resolve("bin/java").toString();
    }
}
