package dev.powerpages.emulator.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.gateway.support.FakeAppNode;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.gateway.filter.AdaptCachedBodyGlobalFilter;
import org.springframework.cloud.gateway.filter.ForwardPathFilter;
import org.springframework.cloud.gateway.filter.ForwardRoutingFilter;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.RemoveCachedBodyFilter;
import org.springframework.cloud.gateway.filter.WebsocketRoutingFilter;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GatewayRoutingTest {

    static final FakeAppNode north = new FakeAppNode("northeurope");

    static final FakeAppNode west = new FakeAppNode("westeurope");

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    @DynamicPropertySource
    static void trafficManager(DynamicPropertyRegistry registry) {
        trafficManager.answer("northeurope", north.url(), 300);
        registry.add("gateway.traffic-manager.url", trafficManager::url);
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        north.close();
        west.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = GatewayClient.at(port, Duration.ofSeconds(10));
    }

    @Test
    void forwardsToTheNodeTheTrafficManagerNamesAndPassesItsHeadersThrough() {
        client.get()
                .uri("/")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-PP-Region", "northeurope")
                .expectHeader()
                .valueEquals("X-PP-Node", "northeurope-1")
                .expectBody(String.class)
                .isEqualTo("page from northeurope");
        assertThat(west.requests()).isZero();
    }

    @Test
    void runsNoGlobalFilterForAFeatureNoRouteUses() {
        assertThat(context.getBeansOfType(GlobalFilter.class).values())
                .extracting(Object::getClass)
                .doesNotContain(
                        AdaptCachedBodyGlobalFilter.class,
                        RemoveCachedBodyFilter.class,
                        ForwardPathFilter.class,
                        ForwardRoutingFilter.class)
                .contains(NettyRoutingFilter.class, WebsocketRoutingFilter.class);
    }

    @Test
    void keepsPathAndQuery() {
        client.get()
                .uri(URI.create("http://localhost:" + port + "/about/team/?q=a%20b&page=2"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Seen-Uri", "/about/team/?q=a%20b&page=2");
    }

    @Test
    void sendsTheOriginItsOwnHostAndTheVisitorsHostAsXForwardedHost() {
        client.get()
                .uri("/")
                .header("Host", "www.contoso.example")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals("X-Seen-Host", north.url().getAuthority())
                .expectHeader()
                .valueEquals("X-Seen-Forwarded-Host", "www.contoso.example");
    }

    @Test
    void givesEveryResponseItsOwnReferenceAndTellsTheOrigin() {
        EntityExchangeResult<byte[]> first =
                client.get().uri("/").exchange().expectBody().returnResult();
        EntityExchangeResult<byte[]> second = client.get()
                .uri("/")
                .header("X-Azure-Ref", "forged-by-client")
                .exchange()
                .expectBody()
                .returnResult();

        String firstRef = first.getResponseHeaders().getFirst("X-Azure-Ref");
        String secondRef = second.getResponseHeaders().getFirst("X-Azure-Ref");
        assertThat(firstRef).matches("\\d{8}T\\d{6}Z-[0-9a-f]{20}");
        assertThat(secondRef).isNotEqualTo(firstRef).isNotEqualTo("forged-by-client");
        assertThat(first.getResponseHeaders().get("X-Azure-Ref")).hasSize(1);
        assertThat(first.getResponseHeaders().getFirst("X-Seen-Azure-Ref")).isEqualTo(firstRef);
        assertThat(second.getResponseHeaders().getFirst("X-Seen-Azure-Ref")).isEqualTo(secondRef);
    }

    @Test
    void countsRequestsPerEndpointForPrometheus() {
        client.get().uri("/metrics-probe").exchange().expectStatus().isOk();

        client.get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> assertThat(body)
                        .containsPattern("gateway_origin_requests_total\\{endpoint=\"northeurope\"[^}]*\\} [1-9]")
                        // Spring Cloud Gateway's own per-route timer is off (issue 16): the edge's meters say it.
                        .doesNotContain("spring_cloud_gateway_requests"));
    }

    @Test
    void answersItsOwnHealthWithoutAskingAnOrigin() {
        int before = north.requests();
        client.get()
                .uri("/_edge/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        assertThat(north.requests()).isEqualTo(before);
    }

    @Test
    void keepsTheEdgePrefixForItself() {
        int before = north.requests();
        client.get()
                .uri("/_edge/unknown")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .exists("X-Azure-Ref")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("NotFound");
        assertThat(north.requests()).isEqualTo(before);
    }

    @Test
    void rejectsTheAdminEndpointWithoutTheAdminKey() {
        client.get()
                .uri("/_edge/admin/origin")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNAUTHORIZED)
                .expectHeader()
                .exists("X-Azure-Ref")
                .expectBody()
                .jsonPath("$.error.code")
                .isEqualTo("Unauthorized");
        client.get()
                .uri("/_edge/admin/origin")
                .header("X-Admin-Key", "wrong-key")
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        client.get().uri("/_edge/admin/anything-else").exchange().expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void showsTheCachedOriginToTheAdmin() {
        client.get().uri("/").exchange().expectStatus().isOk();

        client.get()
                .uri("/_edge/admin/origin")
                .header("X-Admin-Key", "emulator-admin-key")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.profile")
                .isEqualTo("contoso")
                .jsonPath("$.answer.endpoint")
                .isEqualTo("northeurope")
                .jsonPath("$.answer.url")
                .isEqualTo(north.url().toString())
                .jsonPath("$.ttlSeconds")
                .isEqualTo(300)
                .jsonPath("$.remainingTtlSeconds")
                .value(Integer.class, remaining -> assertThat(remaining).isBetween(1, 300))
                .jsonPath("$.ageSeconds")
                .value(Integer.class, age -> assertThat(age).isBetween(0, 299))
                .jsonPath("$.stale")
                .isEqualTo(false);
    }
}
