package dev.powerpages.emulator.gateway.waf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.gateway.support.BlockingCallsRecorder;
import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import dev.powerpages.emulator.waf.engine.HostileInputs;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.blockhound.BlockingOperationError;
import reactor.netty.resources.LoopResources;

/**
 * Issue 16: the WAF never inspects on the event loop. BlockHound is installed in every gateway test
 * (blockhound-junit-platform, support.BlockingCallsRecorder); a hostile 128 KB body through the gateway with the
 * whole Default Rule Set on makes no blocking call on a Netty thread, and BlockHound does report one made there.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class WafOffTheEventLoopTest {

    static final FakeAppNode north = new FakeAppNode("northeurope");

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        Path data = Files.createTempDirectory("waf-event-loop");
        trafficManager.answer("northeurope", north.url(), 300);
        registry.add("gateway.traffic-manager.url", trafficManager::url);
        registry.add(
                "gateway.waf.policy-file", () -> data.resolve("waf-policy.json").toString());
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        north.close();
    }

    @LocalServerPort
    int port;

    /** 128 KB (what Front Door inspects) of the fuzz tests' hostile fragments, as bench/waf's hostile-cpu uses. */
    static byte[] hostileBody() {
        HostileInputs inputs = new HostileInputs(5112634740286L);
        StringBuilder body = new StringBuilder();
        while (body.length() < 128 * 1024) {
            body.append(inputs.next(1 << 17));
        }
        return Arrays.copyOf(body.toString().getBytes(StandardCharsets.UTF_8), 128 * 1024);
    }

    @Test
    void aHostile128KilobyteBodyIsInspectedWithoutABlockingCallOnTheEventLoop() {
        WebTestClient client = GatewayClient.at(port, Duration.ofSeconds(60));
        client.patch()
                .uri("/_edge/admin/waf")
                .header("X-Admin-Key", "emulator-admin-key")
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue("""
                        {"properties":{"policySettings":{"enabledState":"Enabled","mode":"Prevention"},
                         "managedRules":{"managedRuleSets":[{"ruleSetType":"Microsoft_DefaultRuleSet","ruleSetVersion":"2.1","ruleSetAction":"Block"},
                           {"ruleSetType":"Microsoft_BotManagerRuleSet","ruleSetVersion":"1.0"}]}}}""")
                .exchange()
                .expectStatus()
                .isOk();
        List<String> before = BlockingCallsRecorder.calls();

        for (MediaType type : List.of(MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN)) {
            client.post()
                    .uri("/contact")
                    .contentType(type)
                    .bodyValue(hostileBody())
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }

        assertThat(BlockingCallsRecorder.calls()).isEqualTo(before);
    }

    @Test
    void blockHoundReportsABlockingCallMadeOnANettyEventLoop() {
        LoopResources loops = LoopResources.create("blockhound-probe", 1, true);
        try {
            EventLoopGroup group = loops.onServer(false);
            Future<?> sleep = group.submit(() -> {
                Thread.sleep(1);
                return null;
            });

            assertThatThrownBy(() -> sleep.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(BlockingOperationError.class);
            assertThat(BlockingCallsRecorder.calls())
                    .anySatisfy(call ->
                            assertThat(call).startsWith("blockhound-probe").contains("java.lang.Thread.sleep"));
        } finally {
            loops.dispose();
        }
    }
}
