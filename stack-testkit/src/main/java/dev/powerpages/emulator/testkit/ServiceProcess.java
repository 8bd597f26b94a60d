package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service of the stack running as a child JVM started from its packaged jar (or the start-up archive
 * {@code ./stack} made for it), with {@code ./stack}'s JVM options: {@link ChildJvm}. Killing it is a real abrupt stop: the process gets SIGKILL and its
 * port stops answering at once, as when a region is lost.
 */
final class ServiceProcess implements RunningService {

    private final String name;
    private final List<String> command;
    private final int port;
    private final String healthPath;
    private final Map<String, String> environment;
    private final Path log;
    private final Duration startupTimeout;
    private volatile Process process;

    /** @param command the child JVM's command line ({@link ChildJvm#command}) */
    ServiceProcess(StackLayout.Service service, List<String> command, Path logDir, Duration startupTimeout) {
        this.name = service.name();
        this.command = List.copyOf(command);
        this.port = service.port();
        this.healthPath = service.healthPath();
        this.environment = service.environment();
        this.log = logDir.resolve(name + ".log");
        this.startupTimeout = startupTimeout;
    }

    void start() {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Environment variables, as ./stack and docker-compose configure the services: each child has its own.
        builder.environment().putAll(environment);
        try {
            Files.writeString(
                    log,
                    "[powerpages-stack] " + String.join(" ", command) + System.lineSeparator(),
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException ex) {
            throw new UncheckedIOException("could not start " + name + ": " + String.join(" ", command), ex);
        }
    }

    /** Whether this child starts from a start-up archive {@code ./stack} made ({@link ChildJvm#archiveFor}). */
    boolean fromStartupArchive() {
        return command.stream()
                .anyMatch(argument ->
                        argument.startsWith("-XX:AOTCache=") || argument.startsWith("-XX:SharedArchiveFile="));
    }

    @Override
    public String startFailure() {
        Process current = process;
        if (current == null) {
            return "was not started";
        }
        return current.isAlive() ? null : "exited with " + current.exitValue();
    }

    @Override
    public void kill() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
            waitForExit(current);
        }
    }

    @Override
    public void restart() {
        stop();
        start();
        awaitHealthy();
    }

    /** SIGTERM, so that Spring closes gracefully; SIGKILL if it takes too long. */
    void stop() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroy();
            waitForExit(current);
        }
    }

    private static void waitForExit(Process process) {
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String healthPath() {
        return healthPath;
    }

    @Override
    public Duration startupTimeout() {
        return startupTimeout;
    }

    @Override
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    @Override
    public String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException ex) {
            return "(log " + log + " unreadable: " + ex + ")";
        }
    }
}
