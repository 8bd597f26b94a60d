package dev.powerpages.emulator.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds each service's packaged Spring Boot jar. In order:
 * <ol>
 * <li>{@code -Dpowerpages.stack.jar.<artifact>=/path/to.jar} for one service;</li>
 * <li>{@code -Dpowerpages.stack.jars.dir=DIR}: {@code DIR/<artifact>-*.jar}, or, when DIR is a
 * checkout of this repository, {@code DIR/<artifact>/target/<artifact>-*.jar};</li>
 * <li>the classpath: stack-testkit depends on the four artifacts, so the jars Maven resolved are
 * on the test classpath; each is recognised by the {@code META-INF/maven/<group>/<artifact>/pom.properties}
 * that Maven packs into it (Spring Boot's repackaging keeps it), else by its file name.</li>
 * </ol>
 */
final class ServiceJars {

    static final String JAR_PROPERTY_PREFIX = "powerpages.stack.jar.";
    static final String JARS_DIR_PROPERTY = "powerpages.stack.jars.dir";

    private ServiceJars() {}

    static Path locate(StackService service) {
        String artifact = service.artifactId();
        String explicit = System.getProperty(JAR_PROPERTY_PREFIX + artifact);
        if (explicit != null) {
            return requireFile(Path.of(explicit), JAR_PROPERTY_PREFIX + artifact);
        }
        String dir = System.getProperty(JARS_DIR_PROPERTY);
        if (dir != null) {
            Path root = Path.of(dir).toAbsolutePath().normalize();
            return inDirectory(root, artifact)
                    .or(() -> inDirectory(root.resolve(artifact).resolve("target"), artifact))
                    .orElseThrow(() -> new IllegalStateException("no " + artifact + "-*.jar in " + root + " nor in "
                            + root.resolve(artifact).resolve("target") + " (" + JARS_DIR_PROPERTY
                            + "): run ./mvnw package in the emulator's checkout"));
        }
        return onClasspath(artifact)
                .orElseThrow(() -> new IllegalStateException("the " + artifact
                        + " jar is not on the classpath: depend on dev.powerpages.emulator:stack-testkit (after ./mvnw install"
                        + " of the emulator), or set -D" + JARS_DIR_PROPERTY + "=<emulator checkout>"));
    }

    private static Optional<Path> onClasspath(String artifact) {
        String marker = "META-INF/maven/" + StackService.GROUP_ID + "/" + artifact + "/pom.properties";
        try {
            Enumeration<URL> found = ServiceJars.class.getClassLoader().getResources(marker);
            while (found.hasMoreElements()) {
                URL url = found.nextElement();
                if ("jar".equals(url.getProtocol())) {
                    URL jar = ((JarURLConnection) url.openConnection()).getJarFileURL();
                    Path path = Path.of(jar.toURI());
                    if (isBootJar(path)) {
                        return Optional.of(path);
                    }
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException ex) {
            // Fall through to the file-name search: a classloader that cannot list resources should not stop the run.
        }
        return Stream.of(System.getProperty("java.class.path", "").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .filter(path -> isArtifactJar(path, artifact) && isBootJar(path))
                .findFirst();
    }

    private static Optional<Path> inDirectory(Path dir, String artifact) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(path -> isArtifactJar(path, artifact) && isBootJar(path))
                    .sorted()
                    .findFirst();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static boolean isArtifactJar(Path path, String artifact) {
        String name = path.getFileName().toString();
        return name.startsWith(artifact + "-")
                && name.endsWith(".jar")
                && Character.isDigit(name.charAt(artifact.length() + 1))
                && !name.endsWith("-sources.jar")
                && !name.endsWith("-javadoc.jar");
    }

    /** A Spring Boot executable jar carries its application under BOOT-INF/. */
    private static boolean isBootJar(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (var jar = new java.util.jar.JarFile(path.toFile())) {
            return jar.getEntry("BOOT-INF/classes/") != null || jar.getEntry("BOOT-INF/lib/") != null;
        } catch (IOException ex) {
            return false;
        }
    }

    private static Path requireFile(Path path, String property) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " (" + property + ") is not a file");
        }
        return path.toAbsolutePath();
    }
}
