package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A Spring Boot executable jar unpacked once into a cache folder, so that its application can run from a plain
 * {@link java.net.URLClassLoader} (classes folder plus the jars of {@code BOOT-INF/lib}) without Spring Boot's
 * launcher, whose nested-jar URL handler is JVM-wide state. The folder is named after the jar's content hash: a
 * rebuilt jar gets a new folder, an unchanged one is reused by later runs.
 *
 * @param startClass the application's main class ({@code Start-Class} in the jar's manifest)
 * @param classpath the unpacked jar's root (its {@code META-INF/}), {@code BOOT-INF/classes/}, then the libraries in
 * the order of {@code BOOT-INF/classpath.idx}
 * @param springAotCode whether {@code process-aot} generated the application's bean definitions into the jar
 */
record BootJarClasspath(String startClass, List<URL> classpath, boolean springAotCode) {

    static final String CACHE_DIR_PROPERTY = "powerpages.stack.inprocess.dir";
    private static final String COMPLETE_MARKER = ".complete";

    /**
     * The classpaths this JVM has unpacked or found, by jar path, size and modification time: the jar's hash (a read
     * of 40-80 MB) is taken once per JVM, not once per stack; a rebuilt jar has another size or time.
     */
    private static final ConcurrentMap<String, BootJarClasspath> KNOWN = new ConcurrentHashMap<>();

    static BootJarClasspath of(StackService service) {
        Path jar = ServiceJars.locate(service);
        String key;
        try {
            key = jar.toAbsolutePath() + " " + Files.size(jar) + " "
                    + Files.getLastModifiedTime(jar).toMillis();
        } catch (IOException ex) {
            throw new UncheckedIOException("could not read " + jar, ex);
        }
        return KNOWN.computeIfAbsent(key, unused -> unpacked(service, jar));
    }

    private static BootJarClasspath unpacked(StackService service, Path jar) {
        Path cache = Path.of(System.getProperty(CACHE_DIR_PROPERTY, "target/powerpages-stack-inprocess"));
        try {
            Path dir = cache.resolve(service.artifactId() + "-" + sha256(jar).substring(0, 16))
                    .toAbsolutePath();
            if (!Files.exists(dir.resolve(COMPLETE_MARKER))) {
                removeOlderCopies(cache, service.artifactId());
                extract(jar, dir);
            }
            return read(jar, dir);
        } catch (IOException ex) {
            throw new UncheckedIOException("could not unpack " + jar + " into " + cache, ex);
        }
    }

    /** Unpacks into a fresh sibling folder and moves it into place, so that a half-written folder is never used. */
    private static void extract(Path jar, Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        Path partial = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".partial-");
        try (JarFile file = new JarFile(jar.toFile())) {
            for (JarEntry entry : file.stream().toList()) {
                if (!entry.getName().startsWith("BOOT-INF/") && !entry.getName().startsWith("META-INF/")) {
                    continue; // the launcher's own classes: not needed without it
                }
                Path target = partial.resolve(entry.getName()).normalize();
                if (!target.startsWith(partial)) {
                    throw new IOException("entry " + entry.getName() + " of " + jar + " points outside the folder");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
            Files.createFile(partial.resolve(COMPLETE_MARKER));
        }
        try {
            Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException
                | AtomicMoveNotSupportedException
                | java.nio.file.DirectoryNotEmptyException ex) {
            // Another test JVM unpacked the same jar at the same time: use its copy.
            deleteRecursively(partial);
            if (!Files.exists(dir.resolve(COMPLETE_MARKER))) {
                throw ex;
            }
        }
    }

    /** Each rebuild of a service's jar gets a folder of its own; the copies of earlier builds are of no more use. */
    private static void removeOlderCopies(Path cache, String artifact) {
        if (!Files.isDirectory(cache)) {
            return;
        }
        try (Stream<Path> folders = Files.list(cache)) {
            for (Path folder : folders.filter(path -> path.getFileName()
                            .toString()
                            .matches(java.util.regex.Pattern.quote(artifact) + "-[0-9a-f]{16}"))
                    .toList()) {
                deleteRecursively(folder);
            }
        } catch (IOException ex) {
            // Only disk space is at stake.
        }
    }

    private static BootJarClasspath read(Path jar, Path dir) throws IOException {
        String startClass;
        try (JarFile file = new JarFile(jar.toFile())) {
            startClass = file.getManifest() == null
                    ? null
                    : file.getManifest().getMainAttributes().getValue("Start-Class");
        }
        if (startClass == null) {
            throw new IllegalStateException(
                    jar + " has no Start-Class in its manifest: not a Spring Boot executable jar");
        }
        List<URL> urls = new ArrayList<>();
        // The jar's own root, first: `java -jar` puts the jar on the system class path, the parent of Spring Boot's
        // launched class loader, so the resources Spring Boot's build writes there (META-INF/build-info.properties,
        // behind the info endpoint's build section) are found, and found first, as with `java -jar`.
        urls.add(url(dir));
        urls.add(url(dir.resolve("BOOT-INF/classes")));
        Path lib = dir.resolve("BOOT-INF/lib");
        Path index = dir.resolve("BOOT-INF/classpath.idx");
        if (Files.exists(index)) {
            // Lines look like: - "BOOT-INF/lib/spring-core-7.0.1.jar"
            for (String line : Files.readAllLines(index)) {
                String trimmed = line.trim();
                if (trimmed.startsWith("- \"") && trimmed.endsWith("\"")) {
                    urls.add(url(dir.resolve(trimmed.substring(3, trimmed.length() - 1))));
                }
            }
        } else if (Files.isDirectory(lib)) {
            try (Stream<Path> jars = Files.list(lib)) {
                for (Path library : jars.filter(path -> path.toString().endsWith(".jar"))
                        .sorted()
                        .toList()) {
                    urls.add(url(library));
                }
            }
        }
        return new BootJarClasspath(startClass, List.copyOf(urls), SpringAot.generatedCodeIn(jar));
    }

    private static URL url(Path path) {
        try {
            return path.toUri().toURL();
        } catch (MalformedURLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
