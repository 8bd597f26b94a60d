package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How a service's child JVM is started: as {@code ./stack} starts it. The same JVM options ({@code JAVA_OPTS},
 * {@code SUPPORT_JAVA_OPTS}, {@code GATEWAY_JAVA_OPTS} and {@code FRONT_JAVA_OPTS} from the repository's {@code .env}, Spring AOT's flag for a
 * jar built with {@code process-aot}, and the options {@code ./stack} adds by JDK version), and, where {@code ./stack archives} (or {@code ./stack up}) made a start-up archive for this very jar
 * — its stamp names the jar's size and time, the JDK and these options — that archive, on the JDK it was made with:
 * the JDK's AOT cache on 25+ ({@code -XX:AOTCache}), an AppCDS archive on 17 ({@code -XX:SharedArchiveFile}), both
 * read from the jar unpacked beside it. docs/benchmarks.md ("Start-up and memory") says what each gives.
 *
 * <p>An archive whose stamp does not match exactly is never used: the service then starts from its jar on the test's
 * JDK, as it did before. (The JVM itself refuses an archive that does not match its class path or options and starts
 * without it, so even a stamp that lies costs only the archive's gain.) The kit does not make archives: a training run
 * costs about one start, which a build that repackages the jars for every test run would pay every time.
 */
final class ChildJvm {

    /** {@code -Dpowerpages.stack.startup-archives=false}: never start a child from an archive. */
    static final String ARCHIVES_PROPERTY = "powerpages.stack.startup-archives";

    /** Where {@code ./stack} keeps a jar's start-up archives: {@code <module>/target/startup/<variant>/}. */
    static final String STARTUP_DIR = "startup";

    private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

    private final StackWiring wiring;
    private final Map<String, String> environment;

    /**
     * @param wiring the repository's {@code .env}, where {@code JAVA_OPTS}, {@code SUPPORT_JAVA_OPTS} and
     * {@code FRONT_JAVA_OPTS} are written once for {@code ./stack}, compose and the kit
     * @param environment the variables {@code ./stack} would see: one set there wins over {@code .env}, as in
     * {@code ./stack} (so a kit run with {@code JAVA_OPTS=...} matches the archives {@code ./stack} made with it)
     */
    ChildJvm(StackWiring wiring, Map<String, String> environment) {
        this.wiring = wiring;
        this.environment = Map.copyOf(environment);
    }

    /** Children as {@code ./stack} on this machine would start them: the bundled {@code .env}, this environment. */
    static ChildJvm ofThisMachine() {
        return new ChildJvm(StackWiring.bundled(), System.getenv());
    }

    /**
     * The whole command line: {@code java}, the options, then the archive and its unpacked jar where one matches,
     * else {@code -jar} and the jar.
     */
    List<String> command(StackService service, Path jar) {
        return archiveFor(service, jar)
                .map(archive -> commandWith(
                        archive.java(),
                        options(service, jar, archive.feature()),
                        archive.feature(),
                        archive.launchArguments()))
                .orElseGet(() -> {
                    int feature = Runtime.version().feature();
                    List<String> options = new ArrayList<>(options(service, jar, feature));
                    // Without an archive, every child C1 only (as the kit always ran them): at a load of 20 the
                    // gateway with C2 was not healthy within 3 min, where C1 alone started the five in about one.
                    if (!options.contains(C1_ONLY)) {
                        options.add(C1_ONLY);
                    }
                    return commandWith(testJava(), options, feature, List.of("-jar", jar.toString()));
                });
    }

    private List<String> commandWith(Path java, List<String> options, int feature, List<String> launch) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(options);
        command.addAll(runtimeOptions(feature));
        command.addAll(launch);
        return command;
    }

    /**
     * {@code ./stack}'s options for the service's jar on a JDK of that feature version ({@code java_opts_of} and
     * {@code java_extra_opts}): what it starts the service with, and what an archive's stamp records. The lists come
     * from {@code .env}; Spring AOT's flag where the jar holds its generated code ({@code spring_aot_opts_of}, off
     * with {@code STACK_SPRING_AOT=0}); on 24+ the options that mute the JDK's warnings about what Netty and Tomcat
     * still call, on 25+ compact object headers (off with {@code STACK_COMPACT_HEADERS=0}).
     */
    List<String> options(StackService service, Path jar, int feature) {
        List<String> options = new ArrayList<>();
        switch (service) {
            case REGION_FRONT -> options.addAll(list("FRONT_JAVA_OPTS"));
            case METADATA_STORE, TRAFFIC_MANAGER -> {
                options.addAll(list("JAVA_OPTS"));
                options.addAll(list("SUPPORT_JAVA_OPTS"));
            }
            // As ./stack's java_opts_of: without it the gateway's options never matched the stamp of the archive
            // ./stack made for it, so a child gateway started from its jar.
            case GATEWAY -> {
                options.addAll(list("JAVA_OPTS"));
                options.addAll(list("GATEWAY_JAVA_OPTS"));
            }
            default -> options.addAll(list("JAVA_OPTS"));
        }
        if (SpringAot.wanted(environment) && SpringAot.generatedCodeIn(jar)) {
            options.add("-D" + SpringAot.ENABLED_PROPERTY + "=true");
        }
        if (feature >= 24) {
            options.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        }
        if (feature >= 25 && !"0".equals(environment.get("STACK_COMPACT_HEADERS"))) {
            options.add("-XX:+UseCompactObjectHeaders");
        }
        return options;
    }

    /** One of {@code .env}'s option lists, or the environment's where it sets the name (even empty), split on blanks. */
    private List<String> list(String name) {
        String value = environment.containsKey(name) ? environment.get(name) : wiring.value(name);
        return value.isBlank() ? List.of() : Arrays.asList(value.strip().split("\\s+"));
    }

    /**
     * {@code ./stack}'s options of the running service alone ({@code java_runtime_opts}; not in the archive's stamp,
     * the archive does not depend on them): on 22+ the C heap's free memory goes back to the system every 5 s.
     */
    List<String> runtimeOptions(int feature) {
        return feature >= 22 && !"0".equals(environment.get("STACK_TRIM_NATIVE"))
                ? List.of("-XX:TrimNativeHeapInterval=5000")
                : List.of();
    }

    /**
     * The start-up archive {@code ./stack} made for this jar with the options the kit gives the service, if any: of
     * the variants beside the jar, one whose stamp names the jar's size and modification time (whole seconds, as
     * {@code stat -c %Y}), an existing JDK and exactly {@link #options} for that JDK's version, and whose archive and
     * unpacked jar are there; the newest JDK's if several match.
     */
    Optional<StartupArchive> archiveFor(StackService service, Path jar) {
        if ("false".equals(System.getProperty(ARCHIVES_PROPERTY))) {
            return Optional.empty();
        }
        Path startup = jar.toAbsolutePath().getParent().resolve(STARTUP_DIR);
        if (!Files.isDirectory(startup)) {
            return Optional.empty();
        }
        List<StartupArchive> found = new ArrayList<>();
        try (DirectoryStream<Path> variants = Files.newDirectoryStream(startup, Files::isDirectory)) {
            for (Path variant : variants) {
                matching(service, jar, variant).ifPresent(found::add);
            }
        } catch (IOException | RuntimeException ex) {
            return Optional.empty(); // unreadable: start from the jar, as without archives
        }
        return found.stream().max(Comparator.comparingInt(StartupArchive::feature));
    }

    private Optional<StartupArchive> matching(StackService service, Path jar, Path variant) throws IOException {
        Path stampFile = variant.resolve("stamp");
        if (!Files.isRegularFile(stampFile)) {
            return Optional.empty();
        }
        // "<size> <mtime> <java> <options...>", the options possibly over several lines; "failed ..." when the
        // training run failed.
        List<String> stamp = Arrays.asList(Files.readString(stampFile).trim().split("\\s+"));
        if (stamp.size() < 3
                || !stamp.get(0).equals(Long.toString(Files.size(jar)))
                || !stamp.get(1)
                        .equals(Long.toString(
                                Files.getLastModifiedTime(jar).toInstant().getEpochSecond()))) {
            return Optional.empty();
        }
        Path java = Path.of(stamp.get(2));
        if (!Files.isExecutable(java)) {
            return Optional.empty();
        }
        int feature = featureVersion(java);
        if (feature < 17 || !stamp.subList(3, stamp.size()).equals(options(service, jar, feature))) {
            return Optional.empty();
        }
        Path archive = variant.resolve(feature >= 25 ? "app.aot" : "app.jsa");
        Path unpacked = variant.resolve("app").resolve(jar.getFileName().toString());
        if (!Files.isRegularFile(archive) || !Files.isRegularFile(unpacked)) {
            return Optional.empty();
        }
        return Optional.of(new StartupArchive(java, feature, archive, unpacked));
    }

    /**
     * A JDK's feature version (17, 25) from its {@code release} file ({@code JAVA_VERSION="25.0.1"}), as
     * {@code ./stack} reads it: no JVM is started to ask. 0 when it cannot be read.
     */
    static int featureVersion(Path java) {
        try {
            Path release = java.toRealPath().getParent().getParent().resolve("release");
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    int end = 0;
                    while (end < version.length() && Character.isDigit(version.charAt(end))) {
                        end++;
                    }
                    return end == 0 ? 0 : Integer.parseInt(version.substring(0, end));
                }
            }
        } catch (IOException | RuntimeException ex) {
            // not a JDK we can read: no archive
        }
        return 0;
    }

    private static Path testJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * A start-up archive {@code ./stack} made, and the JDK it was made with.
     *
     * @param java that JDK's {@code java}
     * @param feature its feature version: 25+ an AOT cache, else an AppCDS archive
     * @param archive the archive file
     * @param unpackedJar the service's jar as {@code -Djarmode=tools extract} unpacked it (its {@code lib/} beside it):
     * the class path the archive was made from
     */
    record StartupArchive(Path java, int feature, Path archive, Path unpackedJar) {

        List<String> launchArguments() {
            String option = feature >= 25 ? "-XX:AOTCache=" : "-XX:SharedArchiveFile=";
            return List.of(option + archive, "-jar", unpackedJar.toString());
        }
    }
}
