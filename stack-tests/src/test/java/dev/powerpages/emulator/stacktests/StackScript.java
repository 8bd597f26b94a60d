package dev.powerpages.emulator.stacktests;

import dev.powerpages.emulator.testkit.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's {@code ./stack}, run as a user runs it from the repository's root, on free ports of its own (the
 * port variables and {@code STACK_HOME} it reads), so that it never meets another stack on this machine. Each run is
 * appended to {@code commands.log} in the work folder.
 */
public final class StackScript {

    /** The repository's root, seen from a module's folder (where Maven runs the tests). */
    public static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static final List<String> TCP_PORTS = List.of(
            "GATEWAY_PORT",
            "NORTHEUROPE_PORT",
            "WESTEUROPE_PORT",
            "STORE_PORT",
            "TRAFFIC_MANAGER_PORT",
            "RESOURCE_MANAGER_PORT",
            "STORE_TLS_PORT");

    /** One run of ./stack: exit status and what it printed. */
    public record Run(int status, String out, String err) {}

    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Path work;
    private final Duration timeout;

    /**
     * @param work the folder for the stack's state ({@code STACK_HOME} is its {@code stack/}) and the command log
     * @param timeout how long one command may take before the run fails
     */
    public StackScript(Path work, Duration timeout) throws IOException {
        this.work = Files.createDirectories(work.toAbsolutePath());
        this.timeout = timeout;
        for (String variable : TCP_PORTS) {
            environment.put(variable, Integer.toString(FreePorts.tcp()));
        }
        environment.put("DNS_PORT", Integer.toString(FreePorts.udp()));
        environment.put("STACK_HOME", this.work.resolve("stack").toString());
    }

    /** Sets a variable ./stack reads (START_TIMEOUT, …) for every later run. */
    public StackScript with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    /** A variable this stack runs with, e.g. {@code GATEWAY_PORT}. */
    public String get(String variable) {
        return environment.get(variable);
    }

    public Path work() {
        return work;
    }

    public Run run(String... args) {
        List<String> command = new ArrayList<>(List.of("./stack"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(work, "out", ".txt");
            Path err = Files.createTempFile(work, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(ROOT.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
            Run run = new Run(
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.writeString(
                    work.resolve("commands.log"),
                    "$ " + command + " -> " + run.status() + "\n" + run.out() + run.err() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return run;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
