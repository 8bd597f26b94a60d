package dev.powerpages.emulator.stacktests.azure;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Azure CLI ({@code az}, Debian's azure-cli 2.45), run as a user runs it against the emulator: a configuration
 * directory of its own ({@code AZURE_CONFIG_DIR}, so the machine's own az login is neither used nor touched), the
 * stack's CA trusted through {@code REQUESTS_CA_BUNDLE} (az's HTTP library, Python requests, reads it), telemetry off.
 * Skipped where az is missing, a failure where {@code POWERPAGES_TEST_TOOLS=required} (CI installs it).
 */
final class AzureCli {

    static final String TOOLS_VARIABLE = "POWERPAGES_TEST_TOOLS";

    private final Path configDirectory;
    private final Path caBundle;
    private final JsonMapper json = JsonMapper.builder().build();

    AzureCli(Path configDirectory, Path caBundle) {
        this.configDirectory = configDirectory;
        this.caBundle = caBundle;
        this.shim = networkModuleShim(configDirectory);
    }

    private final Path shim;

    /**
     * Debian's azure-cli 2.45 cannot load any {@code az network} command as packaged: its {@code latest} profile asks
     * for the network API 2022-01-01, which Debian's python3-azure does not ship, and the module's argument table
     * fails ({@code 'NoneType' object has no attribute 'standard_medium'}). A {@code sitecustomize.py} on
     * {@code PYTHONPATH} lends az the 2022-07-01 models under that name (docs/azure-tooling.md); the Traffic Manager
     * commands themselves are generated (aaz) and need no SDK.
     */
    private static Path networkModuleShim(Path configDirectory) {
        try {
            Path directory = Files.createDirectories(configDirectory.resolve("python-shim"));
            Files.writeString(directory.resolve("sitecustomize.py"), """
                    import importlib, sys
                    try:
                        for suffix in ("", ".models"):
                            sys.modules["azure.mgmt.network.v2022_01_01" + suffix] = importlib.import_module(
                                "azure.mgmt.network.v2022_07_01" + suffix)
                    except ImportError:
                        pass
                    """);
            return directory;
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Skips the test, or fails it where the tools are required, unless az is on the PATH. */
    static void requireInstalled() {
        boolean present = System.getenv().getOrDefault("PATH", "").isEmpty()
                ? false
                : java.util.Arrays.stream(System.getenv("PATH").split(java.io.File.pathSeparator))
                        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "az")));
        if (present) {
            return;
        }
        String missing = "the Azure CLI (az) is not installed: apt-get install azure-cli";
        if ("required".equalsIgnoreCase(System.getenv(TOOLS_VARIABLE))) {
            fail(missing + " (" + TOOLS_VARIABLE + "=required)");
        }
        Assumptions.abort("Skipped: " + missing + " (set " + TOOLS_VARIABLE + "=required to make this a failure)");
    }

    /**
     * {@code az cloud register} with the emulator's endpoints, then {@code az cloud set}. All three identity endpoints
     * are given, so az does not ask the resource manager for {@code /metadata/endpoints} (as it does for Azure Stack).
     * The authority is the AD FS-shaped one: MSAL for Python asks login.microsoftonline.com for instance discovery
     * about any other authority it does not know, which cannot succeed for a local one.
     */
    void registerCloud(String name, String resourceManager, String adfsAuthority) {
        run(
                        "cloud",
                        "register",
                        "--name",
                        name,
                        "--endpoint-resource-manager",
                        resourceManager,
                        "--endpoint-active-directory",
                        adfsAuthority,
                        "--endpoint-active-directory-resource-id",
                        "https://management.core.windows.net/",
                        "--endpoint-active-directory-graph-resource-id",
                        "https://graph.windows.net/")
                .requireSuccess();
        run("cloud", "set", "--name", name).requireSuccess();
    }

    /**
     * {@code az login --service-principal}. The tenant must be a GUID: az resolves a name through
     * {@code <authority>/<name>/.well-known/openid-configuration}, which AD FS does not serve, and AD FS discards the
     * tenant anyway.
     */
    Result loginServicePrincipal(String clientId, String secret, String tenant) {
        return run("login", "--service-principal", "--username", clientId, "--password", secret, "--tenant", tenant);
    }

    /** Runs {@code az <args> --output json}. */
    Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("az");
        command.addAll(List.of(args));
        command.add("--output");
        command.add("json");
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> environment = builder.environment();
        environment.put("AZURE_CONFIG_DIR", configDirectory.toString());
        environment.put("REQUESTS_CA_BUNDLE", caBundle.toString());
        environment.put("AZURE_CORE_COLLECT_TELEMETRY", "false");
        environment.put("AZURE_CORE_NO_COLOR", "true");
        environment.put("AZURE_CORE_SURVEY_MESSAGE", "false");
        environment.put("PYTHONPATH", shim.toString());
        try {
            Path out = Files.createTempFile(configDirectory, "az-out", ".txt");
            Path err = Files.createTempFile(configDirectory, "az-err", ".txt");
            Process process = builder.redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(
                    String.join(" ", command),
                    process.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** What one az command did. */
    final class Result {

        final String command;
        final int exitCode;
        final String stdout;
        final String stderr;

        Result(String command, int exitCode, String stdout, String stderr) {
            this.command = command;
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        Result requireSuccess() {
            if (exitCode != 0) {
                throw new AssertionError(
                        command + " exited with " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }

        JsonNode json() {
            requireSuccess();
            return AzureCli.this.json.readTree(stdout);
        }

        @Override
        public String toString() {
            return command + " -> " + exitCode + "\n" + stdout + stderr;
        }
    }
}
