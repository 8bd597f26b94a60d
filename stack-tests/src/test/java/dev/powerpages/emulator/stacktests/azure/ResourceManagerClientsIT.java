package dev.powerpages.emulator.stacktests.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.netty.NettyAsyncHttpClientBuilder;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.Region;
import com.azure.core.management.exception.ManagementException;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.cdn.CdnManager;
import com.azure.resourcemanager.cdn.models.AfdPurgeParameters;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.models.GenericResource;
import com.azure.resourcemanager.trafficmanager.TrafficManager;
import com.azure.resourcemanager.trafficmanager.models.TrafficManagerProfile;
import dev.powerpages.emulator.testkit.EntraId;
import dev.powerpages.emulator.testkit.HttpResult;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Clients nobody here wrote drive the stack through its resource-manager endpoint, signed in to its Entra ID over
 * TLS and trusting only its CA: the Azure SDK for Java (Traffic Manager, generic resources, CDN) and the Azure SDK
 * for JavaScript ({@code src/test/node/traffic-manager-runbook.js}). Each runs the failover runbook — disable the
 * primary endpoint, watch the site move to the secondary through the gateway, enable it again.
 */
@PowerPagesStackTest
class ResourceManagerClientsIT {

    static final String SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";
    static final String GROUP = "emulator";

    @Test
    void theAzureSdkForJavaCreatesAProfileAndFailsTheSiteOverAndBack(PowerPagesStack stack) throws Exception {
        EntraId identity = stack.identity();
        HttpClient http = new NettyAsyncHttpClientBuilder(nettyTrusting(identity)).build();
        TokenCredential operator = new ClientSecretCredentialBuilder()
                .authorityHost(identity.authorityHost().toString())
                .tenantId("contoso")
                .clientId(EntraId.OPERATOR)
                .clientSecret(EntraId.SECRET)
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
        AzureProfile profile = profile(stack);
        TrafficManager trafficManager =
                TrafficManager.configure().withHttpClient(http).authenticate(operator, profile);

        TrafficManagerProfile created = trafficManager
                .profiles()
                .define("woodgrove")
                .withExistingResourceGroup(GROUP)
                .withLeafDomainLabel("woodgrove")
                .withPriorityBasedRouting()
                .defineExternalTargetEndpoint("primary")
                .toFqdn("woodgrove-ne.example")
                .fromRegion(Region.EUROPE_NORTH)
                .withRoutingPriority(1)
                .attach()
                .defineExternalTargetEndpoint("secondary")
                .toFqdn("woodgrove-we.example")
                .fromRegion(Region.EUROPE_WEST)
                .withRoutingPriority(2)
                .attach()
                .withHttpMonitoring(80, "/health")
                .withTimeToLive(30)
                .create();
        TrafficManagerProfile read = trafficManager.profiles().getByResourceGroup(GROUP, "woodgrove");
        assertThat(read.id()).isEqualTo(created.id());
        assertThat(read.fqdn()).isEqualTo("woodgrove.trafficmanager.net");
        assertThat(read.externalEndpoints()).containsOnlyKeys("primary", "secondary");
        assertThat(read.externalEndpoints().get("secondary").routingPriority()).isEqualTo(2);

        TrafficManagerProfile contoso = trafficManager.profiles().getByResourceGroup(GROUP, "contoso");
        assertThat(stack.site().get("/").region()).hasValue("northeurope");
        contoso.update()
                .updateExternalTargetEndpoint("northeurope")
                .withTrafficDisabled()
                .parent()
                .apply();
        HttpResult served = stack.awaitServedBy("westeurope");
        assertThat(served.status()).isEqualTo(200);
        assertThat(trafficManager
                        .profiles()
                        .getByResourceGroup(GROUP, "contoso")
                        .externalEndpoints()
                        .get("northeurope")
                        .isEnabled())
                .isFalse();

        contoso.refresh()
                .update()
                .updateExternalTargetEndpoint("northeurope")
                .withTrafficEnabled()
                .parent()
                .apply();
        stack.awaitServedBy("northeurope");

        // The reader may read, not change: ARM's AuthorizationFailed reaches the SDK as a ManagementException.
        TokenCredential reader = new ClientSecretCredentialBuilder()
                .authorityHost(identity.authorityHost().toString())
                .tenantId("contoso")
                .clientId(EntraId.READER)
                .clientSecret(EntraId.SECRET)
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
        TrafficManager asReader =
                TrafficManager.configure().withHttpClient(http).authenticate(reader, profile);
        TrafficManagerProfile seen = asReader.profiles().getByResourceGroup(GROUP, "contoso");
        try {
            seen.update()
                    .updateExternalTargetEndpoint("northeurope")
                    .withTrafficDisabled()
                    .parent()
                    .apply();
            fail("the reader changed an endpoint");
        } catch (ManagementException refused) {
            assertThat(refused.getResponse().getStatusCode()).isEqualTo(403);
            assertThat(refused.getValue().getCode()).isEqualTo("AuthorizationFailed");
        }

        trafficManager.profiles().deleteByResourceGroup(GROUP, "woodgrove");
        assertThat(trafficManager.profiles().listByResourceGroup(GROUP).stream().map(p -> p.name()))
                .containsExactly("contoso");
    }

    @Test
    void theAzureSdkForJavaReadsTheWafPolicyAndPurgesTheEdgeCache(PowerPagesStack stack) throws Exception {
        EntraId identity = stack.identity();
        HttpClient http = new NettyAsyncHttpClientBuilder(nettyTrusting(identity)).build();
        TokenCredential operator = new ClientSecretCredentialBuilder()
                .authorityHost(identity.authorityHost().toString())
                .tenantId("contoso")
                .clientId(EntraId.OPERATOR)
                .clientSecret(EntraId.SECRET)
                .disableInstanceDiscovery()
                .httpClient(http)
                .build();
        AzureProfile profile = profile(stack);

        // The Front Door module does not resolve here: the policy through the generic resource calls (which find the
        // type's api-version from the provider, as against Azure).
        ResourceManager resources = ResourceManager.configure()
                .withHttpClient(http)
                .authenticate(operator, profile)
                .withSubscription(SUBSCRIPTION);
        List<String> types = resources.genericResources().listByResourceGroup(GROUP).stream()
                .map(GenericResource::type)
                .toList();
        assertThat(types)
                .contains(
                        "Microsoft.Network/trafficManagerProfiles",
                        "Microsoft.Cdn/profiles",
                        "Microsoft.Network/FrontDoorWebApplicationFirewallPolicies");
        GenericResource policy = resources
                .genericResources()
                .getById("/subscriptions/" + SUBSCRIPTION
                        + "/resourceGroups/" + GROUP
                        + "/providers/Microsoft.Network/FrontDoorWebApplicationFirewallPolicies/"
                        + "powerpagesWaf");
        assertThat(policy.name()).isEqualTo("powerpagesWaf");
        @SuppressWarnings("unchecked")
        Map<String, Object> settings =
                (Map<String, Object>) ((Map<String, Object>) policy.properties()).get("policySettings");
        assertThat(settings).containsEntry("enabledState", "Disabled").containsEntry("mode", "Prevention");

        // Switch the edge's CDN on, fill the cache, purge through ARM's long-running operation, see it emptied.
        java.net.http.HttpResponse<String> cdn = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(stack.site().url("/_edge/admin/cdn"))
                                .method(
                                        "PATCH",
                                        java.net.http.HttpRequest.BodyPublishers.ofString("{\"enabled\":true}"))
                                .header("Content-Type", "application/json")
                                .header("X-Admin-Key", "emulator-admin-key")
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(cdn.statusCode()).as(cdn.body()).isEqualTo(200);
        stack.site().get("/css/site.css");
        assertThat(stack.site().get("/css/site.css").header("X-Cache")).hasValue("TCP_HIT");
        CdnManager cdnManager = CdnManager.configure().withHttpClient(http).authenticate(operator, profile);
        cdnManager
                .serviceClient()
                .getAfdEndpoints()
                .purgeContent(
                        GROUP, "contoso-edge", "contoso", new AfdPurgeParameters().withContentPaths(List.of("/css/*")));
        assertThat(stack.site().get("/css/site.css").header("X-Cache")).hasValue("TCP_MISS");
    }

    @Test
    void theAzureSdkForJavaScriptPassesTheSameRunbook(PowerPagesStack stack) {
        Path project = Path.of("src", "test", "node");
        requireNode();
        Path installed = project.resolve("node_modules").resolve(".package-lock.json");
        if (!Files.exists(installed)) {
            Result install = run(project, List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
            assertThat(install.exitCode()).as("npm ci:%n%s", install.output()).isZero();
        }
        EntraId identity = stack.identity();
        Result runbook = run(
                project,
                List.of(
                        "node",
                        "traffic-manager-runbook.js",
                        stack.trafficManager().resourceManagerUrl(),
                        identity.authorityHost() + "/",
                        stack.site().url("/").toString()),
                Map.of("NODE_EXTRA_CA_CERTS", identity.caCertificate().toString()),
                240);

        System.out.println(runbook.output());
        assertThat(runbook.exitCode())
                .as("the JavaScript runbook:%n%s", runbook.output())
                .isZero();
        assertThat(runbook.output()).contains("all 9 checks ok");
    }

    private static AzureProfile profile(PowerPagesStack stack) {
        Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        endpoints.put("resourceManagerEndpointUrl", stack.trafficManager().resourceManagerUrl());
        endpoints.put("activeDirectoryEndpointUrl", stack.identity().authorityHost() + "/");
        return new AzureProfile("contoso", SUBSCRIPTION, new AzureEnvironment(endpoints));
    }

    /** The Azure SDK's default HTTP client (Reactor Netty), trusting the stack's CA and nothing else. */
    private static reactor.netty.http.client.HttpClient nettyTrusting(EntraId identity) throws Exception {
        java.security.KeyStore trustStore = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(identity.trustStore())) {
            trustStore.load(in, EntraId.TRUST_STORE_PASSWORD.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        io.netty.handler.ssl.SslContext context = io.netty.handler.ssl.SslContextBuilder.forClient()
                .trustManager(trust)
                .build();
        return reactor.netty.http.client.HttpClient.create()
                .secure(spec -> spec.sslContext(context))
                .responseTimeout(Duration.ofSeconds(30));
    }

    private static void requireNode() {
        if (run(Path.of("."), List.of("node", "--version"), Map.of(), 30).exitCode() == 0
                && run(Path.of("."), List.of("npm", "--version"), Map.of(), 30).exitCode() == 0) {
            return;
        }
        String missing = "Node.js and npm are needed to run the Azure SDK for JavaScript (apt-get install nodejs npm)";
        if ("required".equalsIgnoreCase(System.getenv(AzureCli.TOOLS_VARIABLE))) {
            fail(missing);
        }
        Assumptions.abort("Skipped: " + missing);
    }

    record Result(int exitCode, String output) {}

    private static Result run(Path directory, List<String> command, Map<String, String> environment, int seconds) {
        try {
            Path log = Files.createTempFile("arm-client", ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException notInstalled) {
                return new Result(127, notInstalled.getMessage());
            }
            boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return finished
                    ? new Result(process.exitValue(), output)
                    : new Result(-1, String.join(" ", command) + " did not finish in " + seconds + " s:\n" + output);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
