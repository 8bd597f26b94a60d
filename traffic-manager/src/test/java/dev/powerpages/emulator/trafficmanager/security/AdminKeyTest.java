package dev.powerpages.emulator.trafficmanager.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.admin.AdminEndpoints;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint that changes something — profiles and endpoints (the ARM-style API: enable/disable an endpoint is
 * a PATCH of its {@code endpointStatus}), the dashboard's controls — answers 401 to a missing and to a wrong
 * {@code X-Admin-Key} and accepts the right one. The endpoints are read from Spring MVC's handler mapping: anything
 * not on the public (read-only) list below is held to the rule, so a new endpoint cannot be forgotten.
 */
class AdminKeyTest extends SecurityTestSupport {

    /** Reads anyone may do: the dashboard, profile and endpoint state, the DNS-style resolve, the event history. */
    static final Set<String> PUBLIC = Set.of(
            "GET /",
            "GET /api/dashboard",
            "GET /api/dashboard/stream",
            "GET /api/dashboard/actions",
            "GET /api/profiles",
            "GET /api/profiles/{name}",
            "GET /api/profiles/{name}/events",
            "GET /api/profiles/{name}/endpoints/{endpointName}",
            "GET /api/profiles/{name}/resolve",
            "* /error");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyChangingEndpointRefusesAMissingOrWrongKeyAndAcceptsTheRightOne() {
        List<String> admin = AdminEndpoints.of(mappings, PUBLIC);
        assertThat(admin)
                .as("the admin endpoints found in the handler mapping")
                .contains(
                        "PUT /api/profiles/{name}",
                        "PATCH /api/profiles/{name}",
                        "DELETE /api/profiles/{name}",
                        "PUT /api/profiles/{name}/endpoints/{endpointName}",
                        "PATCH /api/profiles/{name}/endpoints/{endpointName}",
                        "DELETE /api/profiles/{name}/endpoints/{endpointName}",
                        "POST /api/dashboard/actions/{action}");

        List<String> checked = new ArrayList<>();
        for (String endpoint : admin) {
            String method = AdminEndpoints.method(endpoint);
            String path = AdminEndpoints.path(endpoint);
            // An empty JSON object: a body every endpoint can read, that changes nothing that exists.
            String body = "DELETE".equals(method) || "GET".equals(method) ? null : "{}";
            HttpResponse<String> missing = send(method, path, "application/json", body);
            HttpResponse<String> wrong =
                    send(method, path, "application/json", body, "X-Admin-Key", "not-the-admin-key");
            HttpResponse<String> right = send(method, path, "application/json", body, "X-Admin-Key", ADMIN_KEY);

            assertThat(missing.statusCode()).as(endpoint + " without a key").isEqualTo(401);
            assertThat(wrong.statusCode()).as(endpoint + " with a wrong key").isEqualTo(401);
            assertThat(missing.body()).as(endpoint).contains("{\"error\":{\"code\":");
            assertThat(right.statusCode())
                    .as(endpoint + " with the admin key")
                    .isNotIn(401, 403)
                    .isLessThan(500);
            checked.add(endpoint + " -> " + missing.statusCode() + "/" + wrong.statusCode() + "/" + right.statusCode());
        }
        System.out.println("Admin key: " + checked.size() + " endpoints (missing/wrong/right key): " + checked);
    }

    @Test
    void disablingAnEndpointNeedsTheKey() {
        String patch = "{\"properties\":{\"endpointStatus\":\"Disabled\"}}";
        assertThat(send("PATCH", "/api/profiles/contoso/endpoints/northeurope", "application/json", patch)
                        .statusCode())
                .isEqualTo(401);
        assertThat(get("/api/profiles/contoso/endpoints/northeurope").body())
                .contains("\"endpointStatus\":\"Enabled\"");
    }
}
