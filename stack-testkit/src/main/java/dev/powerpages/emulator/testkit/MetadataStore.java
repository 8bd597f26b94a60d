package dev.powerpages.emulator.testkit;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The Dataverse-like metadata store: its token endpoint (client-credentials grant with the
 * emulator's well-known application) and a minimal Web API client.
 */
public final class MetadataStore {

    /** The well-known development application the app nodes use (CONTRACT "Well-known defaults"). */
    public static final String TENANT_ID = "contoso";

    public static final String CLIENT_ID = "powerpages-site";
    public static final String CLIENT_SECRET = "emulator-secret";

    private final RunningService service;
    private final String publicUrl;

    MetadataStore(RunningService service, String publicUrl) {
        this.service = service;
        this.publicUrl = publicUrl;
    }

    public URI url(String path) {
        return service.url(path);
    }

    /** An access token for the Web API from {@code POST /contoso/oauth2/v2.0/token}. */
    public String token() {
        String form = "grant_type=client_credentials&client_id=" + encode(CLIENT_ID) + "&client_secret="
                + encode(CLIENT_SECRET) + "&scope=" + encode(publicUrl + "/.default");
        HttpResult result = Http.send(
                "POST",
                url("/" + TENANT_ID + "/oauth2/v2.0/token"),
                form,
                Map.of("Content-Type", "application/x-www-form-urlencoded"));
        if (result.status() != 200) {
            throw new IllegalStateException("token request answered " + result);
        }
        return Json.parse(result).get("access_token").asString();
    }

    /**
     * GETs {@code /api/data/v9.2/<query>} with a fresh token, e.g.
     * {@code webApi("adx_webpages?$select=adx_name")}; the result's status shows errors.
     */
    public HttpResult webApi(String query) {
        return Http.get(
                url("/api/data/v9.2/" + query),
                Map.of("Authorization", "Bearer " + token(), "Accept", "application/json"));
    }

    /** The {@code value} array of a successful Web API query. */
    public JsonNode rows(String query) {
        HttpResult result = webApi(query);
        if (result.status() != 200) {
            throw new IllegalStateException("GET /api/data/v9.2/" + query + " answered " + result);
        }
        return Json.parse(result).get("value");
    }

    /**
     * Takes the store down without stopping it ({@code PUT /_services/chaos {"outage": true}}, admin key): its Web
     * API and token endpoint answer 503 with {@code Retry-After} and its health says OUT_OF_SERVICE, as a Dataverse
     * environment that is down. The app nodes keep serving what they cached. Undo with {@link #restore()}.
     */
    public MetadataStore outage() {
        HttpResult result =
                Http.send("PUT", url("/_services/chaos"), Json.write(Map.of("outage", true)), AdminKey.jsonHeaders());
        requireSuccess(result, "PUT /_services/chaos {\"outage\": true}");
        return this;
    }

    /** Ends an {@link #outage()} ({@code DELETE /_services/chaos}): the store serves again, with its data as it was. */
    public MetadataStore restore() {
        HttpResult result = Http.send("DELETE", url("/_services/chaos"), null, AdminKey.jsonHeaders());
        requireSuccess(result, "DELETE /_services/chaos");
        return this;
    }

    /** Whether the store is in an injected outage ({@code GET /_services/chaos}). */
    public boolean inOutage() {
        HttpResult result = Http.get(url("/_services/chaos"), AdminKey.jsonHeaders());
        requireSuccess(result, "GET /_services/chaos");
        return Json.parse(result).get("outage").asBoolean();
    }

    private static void requireSuccess(HttpResult result, String action) {
        if (!result.isSuccessful()) {
            throw new IllegalStateException(action + " on the metadata store answered " + result);
        }
    }

    /** Stops the store abruptly: every region loses its data source at once. */
    public void kill() {
        service.kill();
    }

    /** Starts the store again (in memory: from the seed) and waits until it is healthy. */
    public void restart() {
        service.restart();
    }

    public boolean isRunning() {
        return service.isRunning();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
