package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BootJarExtractTest {

    @TempDir
    Path dir;

    @Test
    void writesSpringBootsExtractLayoutWithTheLibrariesInTheClasspathIndexsOrder() throws IOException {
        Path jar = dir.resolve("metadata-store-0.1.0-SNAPSHOT.jar");
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        main.putValue("Start-Class", "dev.x.StoreApplication");
        main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
        main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
        main.putValue("Spring-Boot-Classpath-Index", "BOOT-INF/classpath.idx");
        main.putValue("Implementation-Title", "metadata-store");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            write(out, "org/springframework/boot/loader/launch/JarLauncher.class", "loader");
            write(out, "META-INF/maven/dev.x/metadata-store/pom.properties", "artifactId=metadata-store");
            write(out, "BOOT-INF/classes/dev/x/StoreApplication.class", "app");
            write(out, "BOOT-INF/classes/seed/contoso.yaml", "rows: []");
            write(
                    out,
                    "BOOT-INF/classpath.idx",
                    "- \"BOOT-INF/lib/zeta-1.jar\"\n- \"BOOT-INF/lib/alpha-2.jar\"\n"
                            + "- \"BOOT-INF/lib/spring-boot-jarmode-tools-4.0.9.jar\"\n");
            stored(out, "BOOT-INF/lib/alpha-2.jar", "alpha");
            stored(out, "BOOT-INF/lib/zeta-1.jar", "zeta");
            stored(out, "BOOT-INF/lib/spring-boot-jarmode-tools-4.0.9.jar", "tools");
        }

        BootJarExtract.extract(jar, dir.resolve("app"));

        assertThat(dir.resolve("app/lib/zeta-1.jar")).hasContent("zeta");
        assertThat(dir.resolve("app/lib/alpha-2.jar")).hasContent("alpha");
        assertThat(dir.resolve("app/lib/spring-boot-jarmode-tools-4.0.9.jar")).doesNotExist();
        try (JarFile application =
                new JarFile(dir.resolve("app/metadata-store-0.1.0-SNAPSHOT.jar").toFile())) {
            Attributes attributes = application.getManifest().getMainAttributes();
            assertThat(attributes.getValue("Main-Class")).isEqualTo("dev.x.StoreApplication");
            assertThat(attributes.getValue("Class-Path")).isEqualTo("lib/zeta-1.jar lib/alpha-2.jar");
            assertThat(attributes.getValue("Implementation-Title")).isEqualTo("metadata-store");
            assertThat(attributes.getValue("Start-Class")).isNull();
            assertThat(Collections.list(application.entries()).stream().map(JarEntry::getName))
                    .contains(
                            "dev/x/StoreApplication.class",
                            "seed/contoso.yaml",
                            "META-INF/maven/dev.x/metadata-store/pom.properties")
                    .noneMatch(
                            name -> name.startsWith("BOOT-INF/") || name.startsWith("org/springframework/boot/loader"));
            assertThat(new String(
                            application
                                    .getInputStream(application.getJarEntry("seed/contoso.yaml"))
                                    .readAllBytes(),
                            StandardCharsets.UTF_8))
                    .isEqualTo("rows: []");
        }
    }

    @Test
    void refusesAPlainJar() throws IOException {
        Path jar = dir.resolve("plain.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            write(out, "dev/x/A.class", "a");
        }

        assertThatThrownBy(() -> BootJarExtract.extract(jar, dir.resolve("app")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a Spring Boot executable jar");
    }

    private static void write(JarOutputStream out, String name, String content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(content.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }

    /** As Spring Boot packs its nested jars: stored, not compressed. */
    private static void stored(JarOutputStream out, String name, String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        JarEntry entry = new JarEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        out.putNextEntry(entry);
        out.write(bytes);
        out.closeEntry();
    }
}
