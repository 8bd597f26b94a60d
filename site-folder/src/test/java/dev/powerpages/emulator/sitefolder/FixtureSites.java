package dev.powerpages.emulator.sitefolder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The fixture sites on disk, for tests: {@code FixtureSites.path("standard-full")} is the folder
 * {@code sites/standard-full/} of the test class path, in this module's test resources, in site-folder's test-jar
 * (another module's tests depend on it with {@code <type>test-jar</type><scope>test</scope>}), or in the calling
 * module's own {@code src/test/resources/sites/}. From a jar, the folder is copied once per JVM to a temporary folder
 * (deleted on exit), since readers need files.
 *
 * <p>The sites here: {@code standard-full} (every file kind of pac's standard layout), {@code enhanced-yaml} (a code
 * site whose {@code .powerpages-site/} holds the same site in the enhanced model), {@code solution-xml} (that site as
 * an unpacked solution), and folders under {@code wrong-kind/} and {@code malformed/} that a reader must refuse.
 */
public final class FixtureSites {

    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private FixtureSites() {}

    /** The folder of fixture site {@code name} ({@code "standard-full"}, {@code "wrong-kind/code-site-source"}). */
    public static Path path(String name) {
        URL url = FixtureSites.class.getClassLoader().getResource("sites/" + name + "/");
        if (url == null) {
            url = FixtureSites.class.getClassLoader().getResource("sites/" + name);
        }
        if (url == null) {
            throw new IllegalArgumentException("no fixture site '" + name + "' on the test class path (sites/" + name
                    + "/ in test resources or in site-folder's test-jar)");
        }
        try {
            URI uri = url.toURI();
            if (uri.getScheme().equals("file")) {
                return Path.of(uri);
            }
            if (uri.getScheme().equals("jar")) {
                return EXTRACTED.computeIfAbsent(name, key -> extract(uri, key));
            }
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("cannot read fixture site '" + name + "' from " + url);
    }

    private static Path extract(URI uri, String name) {
        String jar = uri.toString().substring(0, uri.toString().indexOf("!/"));
        try {
            FileSystem fileSystem;
            try {
                fileSystem = FileSystems.newFileSystem(URI.create(jar + "!/"), Map.of());
            } catch (FileSystemAlreadyExistsException e) {
                fileSystem = FileSystems.getFileSystem(URI.create(jar + "!/"));
            }
            Path source = fileSystem.getPath("sites", name.split("/"));
            Path target = Files.createTempDirectory("fixture-site-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target)));
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path entry : (Iterable<Path>) walk::iterator) {
                    Path copy = target.resolve(source.relativize(entry).toString());
                    if (Files.isDirectory(entry)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.createDirectories(copy.getParent());
                        Files.copy(entry, copy);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy fixture site '" + name + "' out of " + jar, e);
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is not worth failing a JVM's exit over
        }
    }
}
