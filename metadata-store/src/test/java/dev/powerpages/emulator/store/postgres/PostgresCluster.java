package dev.powerpages.emulator.store.postgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: initdb's a cluster in a temporary directory, starts it on a
 * free port of 127.0.0.1 (its unix socket in that directory too, so it never meets a system server),
 * creates databases on demand, and stops and removes it all on {@link #close()}. It runs the server
 * binaries of the Debian package {@code postgresql} (no container runtime is needed). initdb and
 * postgres refuse to run as root, so as root they run as the package's {@code postgres} user.
 */
public final class PostgresCluster implements AutoCloseable {

    /** The cluster's superuser; initdb's {@code --auth=trust} lets it in without a password, on loopback only. */
    public static final String USER = "postgres";

    private final Path bin;
    private final Path directory;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path bin, Path directory, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Initialises and starts a new cluster. */
    public static PostgresCluster start() {
        Path bin = findBinaries();
        try {
            boolean root = isRoot();
            Path directory = Files.createTempDirectory("store-postgres-");
            if (root) {
                UserPrincipalLookupService users = directory.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(directory, users.lookupPrincipalByName(USER));
            }
            PostgresCluster cluster = new PostgresCluster(bin, directory, freePort(), root);
            cluster.run(
                    "initdb",
                    "-D",
                    cluster.data().toString(),
                    "-U",
                    USER,
                    "--auth=trust",
                    "--encoding=UTF8",
                    "--locale=C",
                    "--no-sync");
            cluster.run(
                    "pg_ctl",
                    "-D",
                    cluster.data().toString(),
                    "-l",
                    directory.resolve("server.log").toString(),
                    "-w",
                    "-t",
                    "60",
                    "-o",
                    "-c listen_addresses=127.0.0.1 -p " + cluster.port + " -k " + directory
                            // the store's test contexts each keep a pool; the default 100 is enough, with room
                            + " -c max_connections=200"
                            // the files are thrown away after the run: no need to wait for the disk
                            // (the store's durability rests on the server's defaults, fsync and synchronous_commit on)
                            + " -c fsync=off",
                    "start");
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Could not start a PostgreSQL cluster with " + bin + ": " + e.getMessage(), e);
        }
    }

    /** A new, empty database of this cluster, and its JDBC URL. */
    public String createDatabase() {
        String name = "store_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Stops the server (ending its sessions) and deletes the cluster's files. */
    @Override
    public void close() throws IOException {
        try {
            run("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private void run(String program, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("store-postgres-" + program, ".log");
        try {
            // the output goes to a file: pg_ctl's server inherits the pipes and would hold them open
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(program + " did not finish within 120 s");
            }
            if (process.exitValue() != 0) {
                String log = Files.readString(output, StandardCharsets.UTF_8);
                Path serverLog = directory.resolve("server.log");
                if (Files.exists(serverLog)) {
                    log += "\nserver.log:\n" + Files.readString(serverLog, StandardCharsets.UTF_8);
                }
                throw new IOException(
                        String.join(" ", command) + " failed with exit code " + process.exitValue() + ":\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " was interrupted", e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /**
     * initdb and pg_ctl from PATH, else from the newest /usr/lib/postgresql/N/bin (where Debian keeps
     * them, off PATH).
     */
    static Path findBinaries() {
        return binaries().orElseThrow(() -> new IllegalStateException(MISSING));
    }

    /** What to install when {@link #binaries()} finds nothing. */
    static final String MISSING = "The PostgreSQL tests need the PostgreSQL server (initdb, pg_ctl), "
            + "found neither in PATH nor in /usr/lib/postgresql/*/bin: install the Debian package 'postgresql' "
            + "(apt-get install postgresql)";

    /** The folder holding initdb and pg_ctl, if any. */
    static Optional<Path> binaries() {
        Stream<Path> onPath = Stream.of(
                        Optional.ofNullable(System.getenv("PATH")).orElse("").split(":"))
                .filter(s -> !s.isBlank())
                .map(Path::of);
        Stream<Path> debian = Stream.empty();
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> list = Files.list(versions)) {
                debian = list
                        .map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> majorVersion(p.getParent()))
                                .reversed())
                        .toList()
                        .stream();
            } catch (IOException e) {
                debian = Stream.empty();
            }
        }
        return Stream.concat(onPath, debian)
                .filter(dir -> Files.isExecutable(dir.resolve("initdb")) && Files.isExecutable(dir.resolve("pg_ctl")))
                .findFirst();
    }

    private static int majorVersion(Path versionDirectory) {
        try {
            return Integer.parseInt(versionDirectory.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() throws IOException {
        Process id = new ProcessBuilder("id", "-u").start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        return "0".equals(uid);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
