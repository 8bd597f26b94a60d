package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.support.admin.AdminEndpoints;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every endpoint of the node that is not on the short public list below is an admin endpoint, and answers 401 to
 * a missing and to a wrong {@code X-Admin-Key} and accepts the right one. The endpoints are read from Spring MVC's
 * handler mapping, so an endpoint added later is checked without anyone remembering to add it here: it is either
 * made public here, deliberately, or it must demand the key.
 */
class AdminKeyTest extends FakeStoreTestSupport {

    /** What visitors, probes and scrapers may call without the key: {@code METHOD pattern}, {@code *} for any method. */
    static final Set<String> PUBLIC = Set.of(
            "GET /**", // the site
            "POST /**", // forms post back to their page (anti-forgery token, table permissions)
            "GET /_api/{resource}",
            "POST /_api/{resource}", // the visitors' Web API, guarded by table permissions
            "GET /_api/{resource}/{segment}",
            "PATCH /_api/{resource}",
            "PUT /_api/{resource}/{column}",
            "DELETE /_api/{resource}",
            "DELETE /_api/{resource}/{column}",
            "* /_api/{resource}/{navigation}/$ref",
            "GET /_layout/tokenhtml",
            "GET /_layout/shell.js", // the Web API's anti-forgery token and the script that fetches it
            "GET /_services/health",
            "GET /_services/about", // probes and the about page (read-only)
            "GET /_services/site/urls", // what ./stack check-site fetches: the site's public URLs (read-only)
            "GET /SignIn",
            "POST /SignIn", // visitors sign in (anti-forgery token, password)
            "GET /Account/Login/LogOff",
            "POST /Account/Login/LogOff",
            "* /_services/**", // 404 for unknown node services
            "* /error");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyAdminEndpointRefusesAMissingOrWrongKeyAndAcceptsTheRightOne() {
        List<String> admin = AdminEndpoints.of(mappings, PUBLIC);
        assertThat(admin)
                .as("the admin endpoints found in the handler mapping")
                .contains(
                        "GET /_services/chaos",
                        "PUT /_services/chaos",
                        "DELETE /_services/chaos",
                        "POST /_services/about/clear-config",
                        "POST /_services/about/clear-cache");

        List<String> checked = new ArrayList<>();
        for (String endpoint : admin) {
            String method = AdminEndpoints.method(endpoint);
            String path = AdminEndpoints.path(endpoint);
            HttpResponse<String> missing = send(method, path, null);
            HttpResponse<String> wrong = send(method, path, "not-the-admin-key");
            HttpResponse<String> right = send(method, path, NodeHttp.ADMIN_KEY);

            assertThat(missing.statusCode()).as(endpoint + " without a key").isEqualTo(401);
            assertThat(wrong.statusCode()).as(endpoint + " with a wrong key").isEqualTo(401);
            assertThat(missing.body()).as(endpoint).contains("\"code\":\"Unauthorized\"");
            assertThat(right.statusCode())
                    .as(endpoint + " with the admin key")
                    .isNotIn(401, 403)
                    .isLessThan(500);
            checked.add(endpoint + " -> " + missing.statusCode() + "/" + wrong.statusCode() + "/" + right.statusCode());
        }
        System.out.println("Admin key: " + checked.size() + " endpoints (missing/wrong/right key): " + checked);
    }

    private HttpResponse<String> send(String method, String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                // An empty JSON object: a valid body for the endpoints that take one, and no fault, no crash.
                .method(
                        method,
                        "GET".equals(method) || "DELETE".equals(method)
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString("{}"));
        if (key != null) {
            request.header("X-Admin-Key", key);
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
