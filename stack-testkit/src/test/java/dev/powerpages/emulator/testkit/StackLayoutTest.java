package dev.powerpages.emulator.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackLayoutTest {

    @TempDir
    Path logDir;

    @Test
    void namesEnvironmentVariablesBySpringBootsRelaxedBindingRule() {
        assertThat(StackLayout.environmentVariable("server.port")).isEqualTo("SERVER_PORT");
        // Dashes go rather than become underscores: Boot's canonical form (it also binds the older STORE_PUBLIC_URL).
        assertThat(StackLayout.environmentVariable("store.public-url")).isEqualTo("STORE_PUBLICURL");
        assertThat(StackLayout.environmentVariable("traffic-manager.data-dir")).isEqualTo("TRAFFICMANAGER_DATADIR");
        assertThat(StackLayout.environmentVariable("gateway.cdn.settings-file")).isEqualTo("GATEWAY_CDN_SETTINGSFILE");
        assertThat(StackLayout.environmentVariable("my.service[0].other")).isEqualTo("MY_SERVICE_0_OTHER");
        assertThat(StackLayout.environmentVariable("my.list[12]")).isEqualTo("MY_LIST_12");
    }

    @Test
    void keepsAPlaceholderNameAsItIs() {
        assertThat(StackLayout.environmentVariable("CONTOSO_PRIMARY_TARGET")).isEqualTo("CONTOSO_PRIMARY_TARGET");
    }

    @Test
    void refusesNamesWithoutAnEnvironmentVariableForm() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> StackLayout.environmentVariable("my.map[some.key]"))
                .withMessageContaining("list indexes");
        assertThatIllegalArgumentException().isThrownBy(() -> StackLayout.environmentVariable("my.list[0"));
        assertThatIllegalArgumentException().isThrownBy(() -> StackLayout.environmentVariable("."));
    }

    @Test
    void givesEachChildProcessItsSettingsAsEnvironmentVariables() {
        StackLayout layout = StackLayout.onLoopback(logDir);
        StackLayout.Service store = layout.service(StackRuntime.STORE);
        StackLayout.Service north = layout.service(StackRuntime.NORTHEUROPE);
        StackLayout.Service trafficManager = layout.service(StackRuntime.TRAFFIC_MANAGER);
        String storeUrl = "http://localhost:" + store.port();
        String tls = layout.tlsDirectory().toString();

        assertThat(layout.storePublicUrl()).isEqualTo(storeUrl);
        assertThat(store.environment())
                .containsOnly(
                        entry("SERVER_PORT", Integer.toString(store.port())),
                        entry("STORE_INMEMORY", "true"),
                        entry("STORE_PUBLICURL", storeUrl),
                        entry("STORE_IDENTITY_TLS_PORT", Integer.toString(layout.identityPort())),
                        entry("STACK_TLS_DIRECTORY", tls));
        assertThat(north.environment())
                .containsOnly(
                        entry("SERVER_PORT", Integer.toString(north.port())),
                        entry("NODE_REGION", "northeurope"),
                        entry("STORE_URL", storeUrl),
                        entry("STORE_SCOPE", storeUrl + "/.default"),
                        entry("STACK_TLS_DIRECTORY", tls));
        assertThat(trafficManager.environment())
                .containsOnly(
                        entry("SERVER_PORT", Integer.toString(trafficManager.port())),
                        entry("CONTOSO_PRIMARY_TARGET", "localhost:" + north.port()),
                        entry(
                                "CONTOSO_SECONDARY_TARGET",
                                "localhost:"
                                        + layout.service(StackRuntime.WESTEUROPE)
                                                .port()),
                        entry("TRAFFICMANAGER_DNS_PORT", "0"),
                        entry("TRAFFICMANAGER_DATADIR", ""),
                        entry(
                                "TRAFFICMANAGER_ARM_PORT",
                                layout.service(StackRuntime.TRAFFIC_MANAGER)
                                        .properties()
                                        .get("traffic-manager.arm.port")),
                        entry("TRAFFICMANAGER_ARM_IDENTITY_JWKSETURI", storeUrl + "/contoso/discovery/v2.0/keys"),
                        entry("TRAFFICMANAGER_ARM_IDENTITY_ISSUERS_0", storeUrl + "/contoso/"),
                        entry("TRAFFICMANAGER_ARM_IDENTITY_ISSUERS_1", storeUrl + "/adfs/services/trust"),
                        entry(
                                "TRAFFICMANAGER_ARM_GATEWAY_URL",
                                "http://localhost:"
                                        + layout.service(StackRuntime.GATEWAY).port()),
                        entry("STACK_TLS_DIRECTORY", tls));
        assertThat(layout.resourceManagerUrl())
                .isEqualTo("https://localhost:"
                        + layout.service(StackRuntime.TRAFFIC_MANAGER)
                                .properties()
                                .get("traffic-manager.arm.port") + "/");
    }

    @Test
    void givesEachLoopbackStackACaDirectoryAndAnIdentityPortOfItsOwn() {
        StackLayout first = StackLayout.onLoopback(logDir);
        StackLayout second = StackLayout.onLoopback(logDir);

        assertThat(first.tlsDirectory())
                .isDirectory()
                .startsWith(logDir.toAbsolutePath())
                .isNotEqualTo(second.tlsDirectory());
        assertThat(first.identityPort())
                .isPositive()
                .isNotIn(
                        first.services().stream().map(StackLayout.Service::port).toList());
        assertThat(first.services())
                .allSatisfy(service -> assertThat(service.properties())
                        .containsEntry(
                                "stack.tls.directory", first.tlsDirectory().toString()));
    }

    @Test
    void keepsEachLoopbackStacksGatewaySettingsBesideItsLogs() {
        StackLayout.Service gateway = StackLayout.onLoopback(logDir).service(StackRuntime.GATEWAY);
        Path state = logDir.resolve("gateway-" + gateway.port());

        assertThat(gateway.properties())
                .containsEntry(
                        "gateway.cdn.settings-file",
                        state.resolve("cdn-settings.json").toString())
                .containsEntry(
                        "gateway.waf.policy-file",
                        state.resolve("waf-policy.json").toString());
    }

    @Test
    void givesEveryLoopbackServiceAPortOfItsOwn() {
        StackLayout layout = StackLayout.onLoopback(logDir);

        assertThat(layout.services())
                .extracting(StackLayout.Service::name)
                .containsExactly(
                        StackRuntime.STORE,
                        StackRuntime.NORTHEUROPE,
                        StackRuntime.WESTEUROPE,
                        StackRuntime.TRAFFIC_MANAGER,
                        StackRuntime.GATEWAY);
        assertThat(layout.services())
                .extracting(StackLayout.Service::port)
                .doesNotHaveDuplicates()
                .allSatisfy(port -> assertThat(port).isPositive());
        StackLayout.Service gateway = layout.service(StackRuntime.GATEWAY);
        assertThat(gateway.properties())
                .containsEntry("server.port", Integer.toString(gateway.port()))
                .containsEntry(
                        "gateway.traffic-manager.url",
                        "http://localhost:"
                                + layout.service(StackRuntime.TRAFFIC_MANAGER).port());
    }

    @Test
    void wiresContainersByNameOnTheWiringFilesPortsAsComposeDoes() {
        StackLayout layout = StackLayout.onDockerNetwork();

        assertThat(layout.storePublicUrl()).isEqualTo("http://localhost:8070");
        assertThat(layout.service(StackRuntime.WESTEUROPE).environment())
                .containsOnly(
                        entry("SERVER_PORT", "8082"),
                        entry("NODE_REGION", "westeurope"),
                        entry("STORE_URL", "http://metadata-store:8070"),
                        entry("STORE_SCOPE", "http://localhost:8070/.default"),
                        entry("STACK_TLS_DIRECTORY", "/tls"));
        assertThat(layout.service(StackRuntime.TRAFFIC_MANAGER).environment())
                .containsOnly(
                        entry("SERVER_PORT", "8090"),
                        entry("CONTOSO_PRIMARY_TARGET", "northeurope:8081"),
                        entry("CONTOSO_SECONDARY_TARGET", "westeurope:8082"),
                        entry(
                                "TRAFFICMANAGER_ARM_IDENTITY_JWKSETURI",
                                "http://metadata-store:8070/contoso/discovery/v2.0/keys"),
                        entry("TRAFFICMANAGER_ARM_IDENTITY_ISSUERS_0", "http://localhost:8070/contoso/"),
                        entry("TRAFFICMANAGER_ARM_IDENTITY_ISSUERS_1", "http://localhost:8070/adfs/services/trust"),
                        entry("TRAFFICMANAGER_ARM_GATEWAY_URL", "http://gateway:8080"),
                        entry("STACK_TLS_DIRECTORY", "/tls"));
        assertThat(layout.service(StackRuntime.GATEWAY).environment())
                .containsOnly(
                        entry("SERVER_PORT", "8080"),
                        entry("GATEWAY_TRAFFICMANAGER_URL", "http://traffic-manager:8090"),
                        entry("STACK_TLS_DIRECTORY", "/tls"));
        assertThat(layout.service(StackRuntime.STORE).environment()).containsEntry("STORE_IDENTITY_TLS_PORT", "8071");
        assertThat(layout.identityPort())
                .as("as docker-compose.yml publishes it")
                .isEqualTo(8071);
    }

    @Test
    void addsSettingsToOneServiceOnly() {
        StackLayout layout = StackLayout.onDockerNetwork().with(StackRuntime.NORTHEUROPE, Map.of("node.name", "n1"));

        assertThat(layout.service(StackRuntime.NORTHEUROPE).properties()).containsEntry("node.name", "n1");
        assertThat(layout.service(StackRuntime.WESTEUROPE).properties()).doesNotContainKey("node.name");
    }
}
