package dev.powerpages.emulator.testkit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A service's jar as the kit's containers run it: unpacked once per jar on the host, before the first container that
 * runs it starts (in the layout of Spring Boot's {@code -Djarmode=tools extract}, which its reference recommends for
 * efficient deployments and class data sharing needs, as {@code ./stack} unpacks it; written by {@link BootJarExtract}
 * in the test's JVM) into a cache folder named after the jar's stamp (artifact, size,
 * modification time), which each container mounts read-only at {@value #IN_CONTAINER}; and an AppCDS archive of the
 * classes the service's start loads, kept in that folder per JVM option list and mapped by every later start of the same
 * jar.
 *
 * <p>The archive must be made by the JVM that maps it (the base image's Java 17: a dynamic archive names its JDK build
 * and its class path), so it is recorded in a container of the base image: a training run that stops once the
 * application context has refreshed ({@code -Dspring.context.exit=onRefresh}, Spring Boot's reference, "Class Data
 * Sharing"), with {@code -XX:ArchiveClassesAtExit}, as {@code ./stack} trains on Java 17. The kit starts those runs only
 * once its stack is ready, each at a small CPU weight (they take the cores the stack leaves idle), detached: a test run
 * that ends first only leaves the archive for a later one (the container removes itself), and a training run that fails
 * is noted beside the jar and costs only the archive. So a project re-running its tests with unchanged jars starts its
 * containers from the archive from the second run on; a build that repackages the jars (CI) runs from the unpacked jars
 * only. The JVM maps an archive only where it matches (otherwise it starts without it: {@code -Xshare:auto}, the
 * default), so a stale archive never stops a start.
 *
 * @param folder the jar's cache folder on the host
 * @param jarName the jar's file name (the unpacked jar under {@code app/} keeps it)
 */
record ContainerJar(Path folder, String jarName) {

    /** {@code -Dpowerpages.stack.containers.dir}: where the unpacked jars and their archives are kept. */
    static final String CACHE_DIR_PROPERTY = "powerpages.stack.containers.dir";

    private static final String DEFAULT_CACHE_DIR = "target/powerpages-stack-containers";

    /** Where each container sees its jar's cache folder. */
    static final String IN_CONTAINER = "/stack";

    private static final String COMPLETE_MARKER = ".complete";

    /**
     * The training runs' CPU weight against the stack's containers (Docker's default 1024): a share of the cores only
     * while the stack's own JVMs leave them idle, so that a test's failover timings do not compete with a recording.
     */
    private static final int TRAINING_CPU_SHARES = 32;

    /** The archives whose training this JVM started: one run per archive, however many stacks a test run starts. */
    private static final Set<Path> TRAINING = ConcurrentHashMap.newKeySet();

    /**
     * The jar unpacked into its cache folder (once per jar: a later run finds the folder), or empty when it could not
     * be unpacked; then the container runs the jar as it is, as before.
     */
    static Optional<ContainerJar> unpacked(StackService service, Path jar) {
        try {
            Path folder = folderOf(service, jar);
            Path root = folder.getParent();
            ContainerJar unpacked = new ContainerJar(folder, jar.getFileName().toString());
            if (!Files.exists(folder.resolve(COMPLETE_MARKER))) {
                removeEarlierBuilds(root, service.artifactId());
                extract(jar, folder);
            }
            return Optional.of(unpacked);
        } catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static Path folderOf(StackService service, Path jar) throws IOException {
        return Path.of(System.getProperty(CACHE_DIR_PROPERTY, DEFAULT_CACHE_DIR))
                .toAbsolutePath()
                .normalize()
                .resolve(service.artifactId() + "-" + Files.size(jar) + "-"
                        + Files.getLastModifiedTime(jar).toInstant().getEpochSecond());
    }

    /** The unpacked jar as the container sees it. */
    String jarInContainer() {
        return IN_CONTAINER + "/app/" + jarName;
    }

    /**
     * The archive for this JVM option list (one per list: a dynamic archive holds what a start with those options
     * loaded, and the JVM checks some of them), in the folder.
     */
    Path archive(List<String> options) {
        return folder.resolve("app-" + key(options) + ".jsa");
    }

    /** The archive as the container sees it, if one was made for these options. */
    Optional<String> archiveInContainer(List<String> options) {
        Path archive = archive(options);
        return Files.isRegularFile(archive)
                ? Optional.of(IN_CONTAINER + "/" + archive.getFileName())
                : Optional.empty();
    }

    /** Whether a training run for these options is still to be made: no archive, no failed run noted, none started. */
    boolean needsTraining(List<String> options) {
        return !Files.exists(archive(options))
                && !Files.exists(failedMarker(options))
                && !TRAINING.contains(archive(options));
    }

    /**
     * Starts the training run for these options in a detached container of {@code image}, which removes itself when
     * done: the JVM records its archive under a name of its own and the container's shell moves it into place only
     * once the JVM has exited with 0 and written it; a non-zero exit notes the failure (no later run tries again until
     * the jar changes). The run has the service's environment, a CA directory of its own and no network (its context
     * stops before it would call a peer); it runs as the owner of the cache folder, so that what it writes there is
     * the user's to delete.
     */
    void train(
            DockerClient docker,
            String image,
            List<String> options,
            Map<String, String> environment,
            Path tls,
            ContainerCpu cpu) {
        Path archive = archive(options);
        if (!TRAINING.add(archive)) {
            return;
        }
        String partial =
                archive.getFileName() + ".partial-" + ProcessHandle.current().pid();
        String log = "training-" + key(options) + ".log";
        List<String> java = new ArrayList<>(List.of("java"));
        java.addAll(options);
        java.addAll(List.of(
                "-XX:ArchiveClassesAtExit=" + IN_CONTAINER + "/" + partial,
                "-Dspring.context.exit=onRefresh",
                "-jar",
                jarInContainer()));
        String script = "cd " + IN_CONTAINER + " && "
                + String.join(" ", java.stream().map(ContainerJar::quoted).toList())
                + " >" + log + " 2>&1 </dev/null; status=$?; if [ $status = 0 ] && [ -s " + partial + " ]; then mv -f "
                + partial + " " + archive.getFileName() + "; else rm -f " + partial + "; echo \"exit $status\" >"
                + failedMarker(options).getFileName() + "; fi";
        List<String> env = new ArrayList<>();
        environment.forEach((name, value) -> env.add(name + "=" + value));
        // No port is opened: the context stops before its web server starts; the traffic manager's DNS stays closed.
        env.add("SERVER_PORT=0");
        env.add("TRAFFICMANAGER_DNS_PORT=-1");
        HostConfig host = cpu.applyToTraining(HostConfig.newHostConfig(), TRAINING_CPU_SHARES)
                .withBinds(
                        new Bind(folder.toString(), new Volume(IN_CONTAINER)),
                        new Bind(tls.toString(), new Volume(StackLayout.CONTAINER_TLS_DIRECTORY)))
                .withNetworkMode("none")
                .withAutoRemove(true);
        try {
            var create = docker.createContainerCmd(image)
                    .withCmd("sh", "-c", script)
                    .withEnv(env)
                    .withLabels(Map.of("dev.powerpages.stack", "startup-archive-training"))
                    .withHostConfig(host);
            owner().ifPresent(create::withUser);
            docker.startContainerCmd(create.exec().getId()).exec();
        } catch (RuntimeException ex) {
            TRAINING.remove(archive); // the daemon refused it: only the archive is lost, a later stack tries again
        }
    }

    private Path failedMarker(List<String> options) {
        return folder.resolve("app-" + key(options) + ".failed");
    }

    /** The cache folder's owner as {@code uid:gid}, where the file system says (not on Windows). */
    private Optional<String> owner() {
        try {
            return Optional.of(Files.getAttribute(folder, "unix:uid") + ":" + Files.getAttribute(folder, "unix:gid"));
        } catch (IOException | RuntimeException ex) {
            return Optional.empty();
        }
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static String key(List<String> options) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join(" ", options).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The jar unpacked in Spring Boot's extract layout ({@link BootJarExtract}) into a fresh sibling folder moved into
     * place, so that a half-written folder is never used.
     */
    private static void extract(Path jar, Path folder) throws IOException {
        Files.createDirectories(folder.getParent());
        Path partial = Files.createTempDirectory(folder.getParent(), folder.getFileName() + ".partial-");
        try {
            BootJarExtract.extract(jar, partial.resolve("app"));
            Files.createFile(partial.resolve(COMPLETE_MARKER));
            Files.move(partial, folder, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException | DirectoryNotEmptyException ex) {
            // Another test JVM unpacked the same jar at the same time: use its copy.
            if (!Files.exists(folder.resolve(COMPLETE_MARKER))) {
                throw ex;
            }
        } finally {
            if (Files.exists(partial)) {
                deleteRecursively(partial);
            }
        }
    }

    /**
     * The folders of earlier builds of the artifact (another size or time), with their archives: of no more use once
     * the jar was rebuilt. Only disk space is at stake if one cannot be removed.
     */
    private static void removeEarlierBuilds(Path root, String artifact) {
        if (!Files.isDirectory(root)) {
            return;
        }
        Pattern earlier = Pattern.compile(Pattern.quote(artifact) + "-[0-9]+-[0-9]+");
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(path ->
                            earlier.matcher(path.getFileName().toString()).matches())
                    .toList()) {
                deleteRecursively(folder);
            }
        } catch (IOException | UncheckedIOException ex) {
            // Only disk space is at stake.
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
