package dev.powerpages.emulator.stacktests.labs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.testkit.FreePorts;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs the guided labs of {@code docs/workshops/} as a trainee would, against one stack on
 * free ports: each lab's bash blocks in order, with {@code localhost:<contract port>} rewritten to
 * the test stack's ports, each block's output checked against the lab's {@code expect} comments.
 * Each lab repairs what it breaks, so labs 1 to 4 share the kit's stack. Lab 5 is about
 * {@code ./stack} itself ({@code up --site}, {@code check-site}, {@code export-site}), so it runs
 * {@code ./stack} from the repository's root as written, with the port variables and
 * {@code STACK_HOME} that {@code ./stack} reads set to free ports and a folder under
 * {@code target/}, and stops that stack afterwards; labs 6 and 7 likewise, with {@code ./stack up -d --instances 2}
 * (two app-node instances per region) and {@code --instances 1 --autoscale}. The outputs are kept in
 * {@code target/lab-output/<lab>.txt}.
 */
@Tag("slow") // minutes of load or a whole lab course: the failsafe group -DskipSlow leaves out (README, "Tests")
@PowerPagesStackTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuidedLabsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path WORKSHOPS = ROOT.resolve("docs").resolve("workshops");
    private static final Path OUTPUT = Path.of("target", "lab-output");
    /** Longer than any wait loop a lab contains (they poll for at most about 90 s). */
    private static final long STEP_TIMEOUT_SECONDS = 240;
    /** Lab 5 starts five services with ./stack, which waits up to 180 s for each to become healthy. */
    private static final long STACK_STEP_TIMEOUT_SECONDS = 600;

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

    @Test
    @Order(5)
    void yourOwnSite() throws Exception {
        runOnOwnStack("05-your-own-site.md", "lab-stack", "rm -rf my-site my-site-export");
    }

    /**
     * Lab 6 runs {@code ./stack up -d --instances 2} itself, as lab 5 runs {@code ./stack}. The kit's stack has one
     * node per region and no region front.
     */
    @Test
    @Order(6)
    void instanceIsNotARegion() throws Exception {
        runOnOwnStack("06-instance-not-a-region.md", "lab-stack-instances", "rm -f visits.txt");
    }

    /** Lab 7 starts its own stack with ./stack (--instances 1 --autoscale), as lab 5 does. */
    @Test
    @Order(7)
    void scaleUnderLoad() throws Exception {
        runOnOwnStack("07-scale-under-load.md", "lab-stack-scale", "true");
    }

    /**
     * Runs a lab that is about {@code ./stack} itself: on free ports of its own and its own {@code STACK_HOME} under
     * {@code target/home}, then stops that stack and runs {@code cleanup} (what the lab leaves in the repository's
     * root), whether the lab passed or not.
     */
    private void runOnOwnStack(String lab, String home, String cleanup) throws Exception {
        Map<String, String> labPorts = new LinkedHashMap<>();
        Map<String, String> environment = stackOnFreePorts(labPorts, home);
        try {
            run(lab, labPorts, environment, STACK_STEP_TIMEOUT_SECONDS);
        } finally {
            runBash("./stack down; " + cleanup, labPorts, environment, STACK_STEP_TIMEOUT_SECONDS);
        }
    }

    /**
     * The port variables and {@code STACK_HOME} that {@code ./stack} reads, set to free ports and a folder under
     * {@code target/}; {@code labPorts} gets the rewrites of the contract's ports to them.
     */
    private static Map<String, String> stackOnFreePorts(Map<String, String> labPorts, String home) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>();
        String[][] services = {
            {"GATEWAY_PORT", "8080"},
            {"NORTHEUROPE_PORT", "8081"},
            {"WESTEUROPE_PORT", "8082"},
            {"STORE_PORT", "8070"},
            {"TRAFFIC_MANAGER_PORT", "8090"},
            {"RESOURCE_MANAGER_PORT", "8060"},
            {"STORE_TLS_PORT", "8071"}
        };
        for (String[] service : services) {
            int port = FreePorts.tcp();
            environment.put(service[0], Integer.toString(port));
            labPorts.put("localhost:" + service[1], "localhost:" + port);
        }
        environment.put("DNS_PORT", Integer.toString(FreePorts.udp()));
        environment.put("STACK_HOME", Path.of("target", home).toAbsolutePath().toString());
        // with --instances 2, nine processes start on a shared machine: the time InstancesIT gives them
        environment.put("START_TIMEOUT", "600");
        return environment;
    }

    private void run(String lab) throws Exception {
        run(lab, ports, Map.of(), STEP_TIMEOUT_SECONDS);
    }

    private void run(
            String lab, Map<String, String> portRewrites, Map<String, String> environment, long stepTimeoutSeconds)
            throws Exception {
        LabScript script = LabScript.read(WORKSHOPS.resolve(lab));
        assertThat(script.steps()).as("bash steps in " + lab).isNotEmpty();
        Path log = OUTPUT.resolve(lab.replace(".md", ".txt"));
        Files.deleteIfExists(log);
        for (LabScript.Step step : script.steps()) {
            String output = step.kitAction() != null
                    ? performKitAction(step.kitAction())
                    : runBash(step.script(), portRewrites, environment, stepTimeoutSeconds);
            Files.writeString(
                    log,
                    "### " + lab + " " + step + "\n" + step.script() + "--- output\n" + output + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            String seen = output.toLowerCase(Locale.ROOT);
            for (String expected : step.expected()) {
                assertThat(seen)
                        .as("%s %s should show \"%s\"; output:%n%s", lab, step, expected, output)
                        .contains(expected.toLowerCase(Locale.ROOT));
            }
            for (String unexpected : step.unexpected()) {
                assertThat(seen)
                        .as("%s %s should not show \"%s\"; output:%n%s", lab, step, unexpected, output)
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
        return runBash(script, ports, Map.of(), STEP_TIMEOUT_SECONDS);
    }

    /** Runs a step from the repository's root (where a trainee types {@code ./stack}), with these ports and variables. */
    private String runBash(
            String script, Map<String, String> portRewrites, Map<String, String> environment, long timeoutSeconds)
            throws Exception {
        String rewritten = script;
        for (Map.Entry<String, String> port : portRewrites.entrySet()) {
            rewritten = rewritten.replace(port.getKey(), port.getValue());
        }
        // -e: a failing command fails the step, as it would stop a trainee reading the error.
        ProcessBuilder builder = new ProcessBuilder("bash", "-e", "-c", rewritten)
                .redirectErrorStream(true)
                .directory(ROOT.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        process.getOutputStream().close();
        // Read while it runs: a full pipe would block the script.
        StringBuilder output = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                output.append(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ex) {
                output.append("(reading the output failed: ").append(ex).append(')');
            }
        });
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(5_000);
            throw new AssertionError("step did not finish within " + timeoutSeconds + " s:\n" + rewritten
                    + "\n--- output so far\n" + output);
        }
        reader.join(5_000);
        assertThat(process.exitValue())
                .as("exit status of%n%s%n--- output%n%s", rewritten, output)
                .isZero();
        return output.toString();
    }

    private static String hostAndPort(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
