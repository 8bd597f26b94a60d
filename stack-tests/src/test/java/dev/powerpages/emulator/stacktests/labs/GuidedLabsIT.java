package dev.powerpages.emulator.stacktests.labs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the four guided labs of {@code docs/workshops/} as a trainee would, against one stack on
 * free ports: each lab's bash blocks in order, with {@code localhost:<contract port>} rewritten to
 * the test stack's ports, each block's output checked against the lab's {@code expect} comments.
 * Each lab repairs what it breaks, so they share the stack. The outputs are kept in
 * {@code target/lab-output/<lab>.txt}.
 */
@PowerPagesStackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuidedLabsIT {

    private static final Path WORKSHOPS = Path.of("..", "docs", "workshops");
    private static final Path OUTPUT = Path.of("target", "lab-output");
    /** Longer than any wait loop a lab contains (they poll for at most about 90 s). */
    private static final long STEP_TIMEOUT_SECONDS = 240;

    private PowerPagesStack stack;
    private final Map<String, String> ports = new LinkedHashMap<>();

    @BeforeAll
    void keepStack(PowerPagesStack stack) throws Exception {
        this.stack = stack;
        ports.put("localhost:8080", hostAndPort(stack.site().url()));
        ports.put("localhost:8081", hostAndPort(stack.primary().url("/")));
        ports.put("localhost:8082", hostAndPort(stack.secondary().url("/")));
        ports.put("localhost:8070", hostAndPort(stack.store().url("/")));
        ports.put("localhost:8090", hostAndPort(stack.trafficManager().url("/")));
        Files.createDirectories(OUTPUT);
        switchEdgeFeaturesOff();
    }

    /**
     * The labs start from the edge's defaults (CDN and WAF off). The gateway keeps both settings
     * in files under its working directory, which outlive a stack, so an earlier run that stopped
     * half-way would otherwise leave them on.
     */
    private void switchEdgeFeaturesOff() throws Exception {
        runBash("""
                curl -sf -o /dev/null -X PATCH -H 'X-Admin-Key: emulator-admin-key' -H 'Content-Type: application/merge-patch+json' \\
                  -d '{"enabled": false}' http://localhost:8080/_edge/admin/cdn
                curl -sf -o /dev/null -X PATCH -H 'X-Admin-Key: emulator-admin-key' -H 'Content-Type: application/merge-patch+json' \\
                  -d '{"properties":{"policySettings":{"enabledState":"Disabled","mode":"Prevention","customBlockResponseStatusCode":403},"customRules":{"rules":[]}}}' \\
                  http://localhost:8080/_edge/admin/waf
                """);
    }

    /**
     * A lab that fails half-way leaves its fault in place; repair the nodes so that the next lab
     * fails for its own reasons only.
     */
    @AfterEach
    void repairNodes() {
        if (!stack.primary().isRunning()) {
            stack.primary().restart();
        }
        stack.primary().clearFaults();
        stack.secondary().clearFaults();
    }

    @Test
    @Order(1)
    void failoverDrill() throws Exception {
        run("01-failover-drill.md");
    }

    @Test
    @Order(2)
    void dataverseOutage() throws Exception {
        run("02-dataverse-outage.md");
    }

    @Test
    @Order(3)
    void webApplicationFirewall() throws Exception {
        run("03-waf.md");
    }

    @Test
    @Order(4)
    void contentDeliveryNetwork() throws Exception {
        run("04-cdn.md");
    }

    private void run(String lab) throws Exception {
        LabScript script = LabScript.read(WORKSHOPS.resolve(lab));
        assertThat(script.steps()).as("bash steps in " + lab).isNotEmpty();
        Path log = OUTPUT.resolve(lab.replace(".md", ".txt"));
        Files.deleteIfExists(log);
        for (LabScript.Step step : script.steps()) {
            String output = step.kitAction() != null ? performKitAction(step.kitAction()) : runBash(step.script());
            Files.writeString(log, "### " + lab + " " + step + "\n" + step.script() + "--- output\n" + output + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            String seen = output.toLowerCase(Locale.ROOT);
            for (String expected : step.expected()) {
                assertThat(seen).as("%s %s should show \"%s\"; output:%n%s", lab, step, expected, output)
                        .contains(expected.toLowerCase(Locale.ROOT));
            }
            for (String unexpected : step.unexpected()) {
                assertThat(seen).as("%s %s should not show \"%s\"; output:%n%s", lab, step, unexpected, output)
                        .doesNotContain(unexpected.toLowerCase(Locale.ROOT));
            }
        }
    }

    /**
     * Steps that start a process ({@code ./stack up -d}) cannot run here, where the kit owns the
     * processes; the kit does the same thing (start the region's node again on its port).
     */
    private String performKitAction(String action) {
        if (action.equals("restart northeurope")) {
            stack.primary().restart();
            return "restarted northeurope through the test kit";
        }
        throw new IllegalArgumentException("unknown lab-step action: " + action);
    }

    private String runBash(String script) throws Exception {
        String rewritten = script;
        for (Map.Entry<String, String> port : ports.entrySet()) {
            rewritten = rewritten.replace(port.getKey(), port.getValue());
        }
        // -e: a failing command fails the step, as it would stop a trainee reading the error.
        Process process = new ProcessBuilder("bash", "-e", "-c", rewritten).redirectErrorStream(true).start();
        process.getOutputStream().close();
        // Read while it runs: a full pipe would block the script.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            catch (IOException ex) {
                output.append("(reading the output failed: ").append(ex).append(')');
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            throw new AssertionError("step did not finish within " + STEP_TIMEOUT_SECONDS + " s:\n" + rewritten
                    + "\n--- output so far\n" + output);
        }
        reader.join(5_000);
        assertThat(process.exitValue()).as("exit status of%n%s%n--- output%n%s", rewritten, output).isZero();
        return output.toString();
    }

    private static String hostAndPort(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
