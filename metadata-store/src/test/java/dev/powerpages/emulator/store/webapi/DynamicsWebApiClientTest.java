package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.powerpages.emulator.store.ExternalTools;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The "done when": a Dataverse client library written by others, DynamicsWebApi (npm
 * {@code dynamics-web-api}), pointed at the store with a token from the store's endpoint, creates,
 * retrieves, lists with paging, counts, updates, upserts and deletes accounts and sees Dataverse's
 * errors. The checks live in {@code src/test/node/dataverse-client-check.js}; this test installs the
 * library ({@code npm ci}, skipped while {@code node_modules} is current) and runs the script against
 * the default environment and, by path prefix, a second one.
 *
 * <p>The store listens on a port chosen before it starts, so that its public URL (the links it writes,
 * such as {@code @odata.nextLink}, which the library follows) is the URL the library talks to.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
            "store.in-memory=true",
            "server.address=127.0.0.1",
            "store.environments[0].name=contoso",
            "store.environments[1].name=fabrikam",
            "store.environments[1].seed=false"
        })
class DynamicsWebApiClientTest {

    private static final Path PROJECT = Path.of("src", "test", "node");
    private static final String INSTALL_HINT =
            "Node.js 18 or newer and npm are needed to run the Dataverse client library check"
                    + " (on Debian/Ubuntu: apt-get install nodejs npm).";
    private static final int PORT = freePort();

    @DynamicPropertySource
    static void listenOnAKnownPort(DynamicPropertyRegistry registry) {
        registry.add("server.port", () -> PORT);
        registry.add("store.public-url", () -> "http://127.0.0.1:" + PORT);
    }

    @BeforeAll
    static void installTheLibrary() {
        ExternalTools.require(commandAnswers("npm", "--version"), INSTALL_HINT);
        String version = run(List.of("node", "--version"), 30).output().trim();
        if (!version.matches("v(1[89]|[2-9]\\d)\\..*")) {
            fail("Found node " + version + ". " + INSTALL_HINT);
        }
        Path installed = PROJECT.resolve("node_modules").resolve(".package-lock.json");
        try {
            if (Files.exists(installed)
                    && Files.getLastModifiedTime(installed)
                                    .compareTo(Files.getLastModifiedTime(PROJECT.resolve("package-lock.json")))
                            >= 0) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
        assertThat(install.exitCode())
                .as("npm ci in %s:%n%s", PROJECT, install.output())
                .isZero();
    }

    @Test
    void dynamicsWebApiWorksAgainstTheDefaultEnvironment() {
        Result check = run(List.of("node", "dataverse-client-check.js", "http://127.0.0.1:" + PORT + "/"), 120);

        System.out.println(check.output());
        assertThat(check.exitCode())
                .as("DynamicsWebApi check:%n%s", check.output())
                .isZero();
        assertThat(check.output()).containsPattern("all \\d+ checks ok");
    }

    @Test
    void dynamicsWebApiWorksAgainstAnEnvironmentByPathPrefix() {
        Result check =
                run(List.of("node", "dataverse-client-check.js", "http://127.0.0.1:" + PORT + "/fabrikam/"), 120);

        System.out.println(check.output());
        assertThat(check.exitCode())
                .as("DynamicsWebApi check:%n%s", check.output())
                .isZero();
        assertThat(check.output()).containsPattern("all \\d+ checks ok");
    }

    record Result(int exitCode, String output) {}

    /** Whether the program exists and answers, before {@link #run} insists on it. */
    private static boolean commandAnswers(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Result run(List<String> command, int timeoutSeconds) {
        Path log;
        Process process;
        try {
            log = Files.createTempFile("node-check", ".log");
            // Output to a file, so a chatty or hanging process can neither block on a full pipe nor outlive the
            // timeout.
            process = new ProcessBuilder(command)
                    .directory(PROJECT.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            return fail("Cannot run '" + command.get(0) + "': " + e.getMessage() + ". " + INSTALL_HINT);
        }
        try {
            boolean finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            if (!finished) {
                return fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s:\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
