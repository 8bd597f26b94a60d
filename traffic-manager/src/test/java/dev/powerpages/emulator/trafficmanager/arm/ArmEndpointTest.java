package dev.powerpages.emulator.trafficmanager.arm;

import java.net.http.HttpResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The traffic manager with its resource-manager endpoint on a free port, plain HTTP, trusting the test's JWKS and
 * talking to the test's stand-in for the gateway. A whole context: the connector, the security filter chain, the
 * case-insensitive handler mapping and the filters all shape what a client sees. The test classes share it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "traffic-manager.dns.port=-1",
            "traffic-manager.data-dir=",
            "traffic-manager.arm.port=0",
            "traffic-manager.arm.tls=false",
            "CONTOSO_PRIMARY_TARGET=localhost:9",
            "CONTOSO_SECONDARY_TARGET=localhost:9",
            "traffic-manager.arm.role-assignments.emulator-operator=Contributor",
            "traffic-manager.arm.role-assignments.emulator-reader=Reader"
        })
abstract class ArmEndpointTest {

    @DynamicPropertySource
    static void peers(DynamicPropertyRegistry registry) {
        registry.add("traffic-manager.arm.identity.jwk-set-uri", () -> ArmTestSupport.url() + "/keys");
        registry.add("traffic-manager.arm.gateway.url", ArmTestSupport::url);
    }

    @Autowired
    ArmConnector connector;

    @Autowired
    JsonMapper json;

    @LocalServerPort
    int mainPort;

    static final String OPERATOR = ArmTestSupport.token("emulator-operator");
    static final String READER = ArmTestSupport.token("emulator-reader");

    HttpResponse<String> arm(String method, String pathAndQuery, String token, String body, String... headers) {
        return ArmTestSupport.send(connector.localPort(), method, pathAndQuery, token, body, headers);
    }

    HttpResponse<String> get(String pathAndQuery) {
        return arm("GET", pathAndQuery, OPERATOR, null);
    }

    JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    String errorCode(HttpResponse<String> response) {
        return body(response).path("error").path("code").asString();
    }

    String errorMessage(HttpResponse<String> response) {
        return body(response).path("error").path("message").asString();
    }
}
