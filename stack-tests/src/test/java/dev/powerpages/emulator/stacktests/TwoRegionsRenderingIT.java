package dev.powerpages.emulator.stacktests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.testkit.AppNode;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both real app nodes (northeurope, westeurope) against the real metadata store: they render the same site, and an
 * edit made through the store's Web API (as the maker tools do) shows on both within the change-tracking bound the
 * nodes are configured with ({@code site.change-poll-interval}, read from {@code /_services/about}).
 */
@PowerPagesStackTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoRegionsRenderingIT {

    /** Pages of the demo site, the 404 page and a web file. */
    private static final List<String> PATHS =
            List.of("/", "/about/", "/about/team/", "/contact-us/", "/no-such-page/", "/css/site.css");
    /** What legitimately differs between two nodes' HTML: the footer's render time ({{ now }}). */
    private static final Pattern RENDER_TIME = Pattern.compile("Rendered [^<]*");
    /** The store applies a change, the node's next delta poll sees it, then it reloads the snapshot (cross-region latency included). */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    private static final String TAGLINE_SNIPPET = "15000000-0000-4000-8000-000000000003";
    private static final String ABOUT_PAGE = "14000000-0000-4000-8000-000000000002";
    private static final String DESCRIPTION_SETTING = "16000000-0000-4000-8000-000000000001";

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    @Order(1)
    void bothRegionsRenderTheSameSiteApartFromTheRenderTime(PowerPagesStack stack) {
        for (String path : PATHS) {
            HttpResponse<String> north = get(stack.primary(), path, Map.of());
            HttpResponse<String> west = get(stack.secondary(), path, Map.of());

            assertThat(north.statusCode()).as(path).isEqualTo(west.statusCode());
            assertThat(north.headers().firstValue("X-PP-Region")).hasValue("northeurope");
            assertThat(west.headers().firstValue("X-PP-Region")).hasValue("westeurope");
            assertThat(normalised(west.body())).as("westeurope's %s", path).isEqualTo(normalised(north.body()));
            for (String header : List.of("Content-Type", "Cache-Control", "ETag", "Last-Modified")) {
                assertThat(west.headers().firstValue(header))
                        .as("%s of %s", header, path)
                        .isEqualTo(north.headers().firstValue(header));
            }
        }
    }

    @Test
    @Order(2)
    void aSnippetEditedInTheStoreShowsOnBothRegionsWithinTheChangeTrackingBound(PowerPagesStack stack) {
        String tagline = "Edited tagline " + UUID.randomUUID();
        editAndAwaitOnBothNodes(
                stack,
                "snippet",
                "adx_contentsnippets(" + TAGLINE_SNIPPET + ")",
                "{\"adx_value\":\"" + tagline + "\"}",
                "/",
                tagline);
    }

    @Test
    @Order(3)
    void aPageTitleAndASiteSettingEditedInTheStoreShowOnBothRegions(PowerPagesStack stack) {
        String title = "About Contoso " + UUID.randomUUID().toString().substring(0, 8);
        editAndAwaitOnBothNodes(
                stack,
                "page title",
                "adx_webpages(" + ABOUT_PAGE + ")",
                "{\"adx_title\":\"" + title + "\"}",
                "/about/",
                "<h1>" + title + "</h1>");
        String description = "Described " + UUID.randomUUID().toString().substring(0, 8);
        editAndAwaitOnBothNodes(
                stack,
                "site setting",
                "adx_sitesettings(" + DESCRIPTION_SETTING + ")",
                "{\"adx_value\":\"" + description + "\"}",
                "/",
                "<meta name=\"description\" content=\"" + description + "\">");
    }

    @Test
    @Order(4)
    void aVisitorSignedInOnOneRegionStaysSignedInOnTheOther(PowerPagesStack stack) {
        HttpResponse<String> form = get(stack.primary(), "/SignIn", Map.of());
        Matcher token = Pattern.compile("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(token.find()).isTrue();
        String antiForgery = form.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("__RequestVerificationToken="))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> signedIn = send(HttpRequest.newBuilder(
                        stack.primary().url("/SignIn"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", antiForgery.substring(0, antiForgery.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString("__RequestVerificationToken=" + token.group(1)
                        + "&Username=yvonne&Password=" + URLEncoder.encode("Contoso-Demo-1", StandardCharsets.UTF_8))));
        assertThat(signedIn.statusCode()).isEqualTo(302);
        String session = signedIn.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith(".AspNet.ApplicationCookie="))
                .findFirst()
                .orElseThrow();
        Map<String, String> cookie = Map.of("Cookie", session.substring(0, session.indexOf(';')));

        assertThat(get(stack.secondary(), "/", cookie).body()).contains("Signed in as Yvonne McKay");
        assertThat(get(stack.secondary(), "/", Map.of()).body()).contains("href=\"/SignIn?ReturnUrl=/\"");
    }

    /**
     * PATCHes a row as the maker tools would (client powerpages-studio), then polls both nodes until the page shows
     * the change, and checks each node's delay against the configured bound plus a margin.
     */
    private void editAndAwaitOnBothNodes(
            PowerPagesStack stack, String what, String row, String patch, String path, String expected) {
        long boundMs = json.readTree(get(stack.primary(), "/_services/about", Map.of("Accept", "application/json"))
                        .body())
                .get("changePollIntervalMs")
                .asLong();
        Duration limit = Duration.ofMillis(boundMs).plus(MARGIN);
        assertThat(get(stack.primary(), path, Map.of()).body()).doesNotContain(expected);

        long start = System.nanoTime();
        HttpResponse<String> edited = send(HttpRequest.newBuilder(stack.store().url("/api/data/v9.2/" + row))
                .header("Authorization", "Bearer " + studioToken(stack))
                .header("Content-Type", "application/json")
                .header("If-Match", "*")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch)));
        assertThat(edited.statusCode()).as("PATCH %s: %s", row, edited.body()).isEqualTo(204);

        Map<String, Duration> delays = new LinkedHashMap<>();
        await().atMost(limit).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            for (AppNode node : List.of(stack.primary(), stack.secondary())) {
                if (!delays.containsKey(node.region())
                        && get(node, path, Map.of()).body().contains(expected)) {
                    delays.put(node.region(), Duration.ofNanos(System.nanoTime() - start));
                }
            }
            assertThat(delays).containsOnlyKeys("northeurope", "westeurope");
        });
        delays.forEach((region, delay) -> System.out.printf(
                "CHANGE-TRACKING %s edit shown by %s after %d ms (bound %d ms + margin %d ms)%n",
                what, region, delay.toMillis(), boundMs, MARGIN.toMillis()));
    }

    /** The maker tools' client: the site's own application user may not change website tables. */
    private String studioToken(PowerPagesStack stack) {
        // The scope names the store's public URL, which the kit's local stack sets to http://localhost:<port>.
        String storeUrl = "http://localhost:" + stack.store().url("/").getPort();
        HttpResponse<String> token = send(HttpRequest.newBuilder(stack.store().url("/contoso/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=powerpages-studio"
                        + "&client_secret=emulator-secret&scope="
                        + URLEncoder.encode(storeUrl + "/.default", StandardCharsets.UTF_8))));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode body = json.readTree(token.body());
        return body.get("access_token").asString();
    }

    private static String normalised(String body) {
        return RENDER_TIME.matcher(body).replaceAll("Rendered <time>");
    }

    private HttpResponse<String> get(AppNode node, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.url(path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
