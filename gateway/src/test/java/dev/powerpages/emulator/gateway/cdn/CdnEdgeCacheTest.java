package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.gateway.cdn.FakeOrigin.Answer;
import dev.powerpages.emulator.gateway.support.FakeTrafficManager;
import dev.powerpages.emulator.gateway.support.GatewayClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The CDN through the whole gateway, as a visitor sees it: a fake origin scripted per path behind
 * a fake traffic manager, the CDN switched on by the admin API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CdnEdgeCacheTest {

    static final String ADMIN_KEY = "emulator-admin-key";

    static final FakeOrigin origin = new FakeOrigin();

    static final FakeTrafficManager trafficManager = new FakeTrafficManager();

    static final Path settingsFile;

    static {
        try {
            settingsFile = Files.createTempDirectory("cdn-test").resolve("cdn-settings.json");
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        trafficManager.answer("northeurope", origin.url(), 300);
        registry.add("gateway.traffic-manager.url", trafficManager::url);
        registry.add("gateway.cdn.settings-file", settingsFile::toString);
        // The fake origin plays the metadata store too: token endpoint and site settings.
        registry.add("gateway.cdn.site-settings.store-url", origin::url);
        origin.answer(
                "/contoso/oauth2/v2.0/token",
                Answer.ok(
                        "{\"access_token\":\"edge-token\",\"expires_in\":3600}",
                        Map.of("Content-Type", "application/json")));
        origin.answer(
                "/api/data/v9.2/adx_sitesettings",
                headers -> headers.get("Authorization") == null
                        ? new Answer(401, Map.of(), "")
                        : Answer.ok(
                                "{\"value\":[{\"adx_name\":\"ContentDeliveryNetwork/FileExtensions\","
                                        + "\"adx_value\":\"css, js, png, .webmanifest\"}]}",
                                Map.of("Content-Type", "application/json")));
    }

    @AfterAll
    static void stopFakes() {
        trafficManager.close();
        origin.close();
    }

    @LocalServerPort
    int port;

    WebTestClient client;

    @BeforeEach
    void enableTheCdn() {
        client = GatewayClient.at(port, Duration.ofSeconds(10));
        patch("{\"enabled\":true,\"cachingRule\":\"PowerPages\",\"queryStringCachingBehavior\":\"UseQueryString\","
                + "\"queryParameters\":null,\"fileExtensions\":null}");
    }

    @AfterEach
    void purgeEverything() {
        client.post()
                .uri("/_edge/admin/cdn/purge")
                .header("X-Admin-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contentPaths\":[\"/*\"]}")
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    @Test
    void aStaticFileIsAMissThenAHitWithAnAge() throws InterruptedException {
        origin.answer(
                "/css/site.css",
                Answer.ok(
                        "body { color: red }",
                        Map.of("Content-Type", "text/css", "Cache-Control", "public, max-age=300", "ETag", "\"v1\"")));

        assertThat(get("/css/site.css").getResponseHeaders().getFirst("X-Cache"))
                .isEqualTo("TCP_MISS");
        Thread.sleep(1100);
        EntityExchangeResult<byte[]> hit = get("/css/site.css");

        assertThat(hit.getResponseHeaders().getFirst("X-Cache")).isEqualTo("TCP_HIT");
        assertThat(Long.parseLong(hit.getResponseHeaders().getFirst("Age"))).isBetween(1L, 3L);
        assertThat(new String(hit.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo("body { color: red }");
        assertThat(hit.getResponseHeaders().getFirst("X-Azure-Ref")).isNotBlank();
        assertThat(origin.requests("/css/site.css")).isEqualTo(1);
    }

    @Test
    void aPurgedPathIsAMissAgainAndOtherPathsStay() {
        origin.answer("/css/purged.css", cacheableCss());
        origin.answer("/js/kept.js", cacheableCss());
        get("/css/purged.css");
        get("/js/kept.js");

        client.post()
                .uri("/_edge/admin/cdn/purge")
                .header("X-Admin-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contentPaths\":[\"/css/*\"]}")
                .exchange()
                .expectStatus()
                .isAccepted();

        assertThat(xCache(get("/css/purged.css"))).isEqualTo("TCP_MISS");
        assertThat(xCache(get("/js/kept.js"))).isEqualTo("TCP_HIT");
        assertThat(origin.requests("/css/purged.css")).isEqualTo(2);
    }

    @Test
    void renderedPagesAreCachedOnlyWhenTheOriginMarksThemPublic() {
        origin.answer("/private-page/", page("private"));
        origin.answer("/plain-page/", new Answer(200, Map.of("Content-Type", "text/html"), "<p>hi</p>"));
        origin.answer("/public-page/", page("public, max-age=60"));

        assertThat(xCache(get("/private-page/"))).isEqualTo("PRIVATE_NOSTORE");
        assertThat(xCache(get("/private-page/"))).isEqualTo("PRIVATE_NOSTORE");
        assertThat(xCache(get("/plain-page/"))).isEqualTo("CONFIG_NOCACHE");
        assertThat(xCache(get("/plain-page/"))).isEqualTo("CONFIG_NOCACHE");
        assertThat(xCache(get("/public-page/"))).isEqualTo("TCP_MISS");
        assertThat(xCache(get("/public-page/"))).isEqualTo("TCP_HIT");

        assertThat(origin.requests("/private-page/")).isEqualTo(2);
        assertThat(origin.requests("/plain-page/")).isEqualTo(2);
        assertThat(origin.requests("/public-page/")).isEqualTo(1);
    }

    @Test
    void signedInVisitorsAlwaysReachTheOrigin() {
        origin.answer("/public-page-2/", page("public, max-age=60"));
        get("/public-page-2/");

        EntityExchangeResult<byte[]> withCookie =
                get("/public-page-2/", headers -> headers.add(HttpHeaders.COOKIE, ".AspNet.ApplicationCookie=abc"));
        EntityExchangeResult<byte[]> withBearer = get("/public-page-2/", headers -> headers.setBearerAuth("t"));

        assertThat(xCache(withCookie)).isEqualTo("CONFIG_NOCACHE");
        assertThat(xCache(withBearer)).isEqualTo("CONFIG_NOCACHE");
        assertThat(origin.requests("/public-page-2/")).isEqualTo(3);
    }

    @Test
    void noStoreAndPrivateStaticFilesAreNeverStored() {
        origin.answer("/css/no-store.css", css("no-store"));
        origin.answer("/css/private.css", css("private, max-age=600"));
        for (int i = 0; i < 2; i++) {
            assertThat(xCache(get("/css/no-store.css"))).isEqualTo("PRIVATE_NOSTORE");
            assertThat(xCache(get("/css/private.css"))).isEqualTo("PRIVATE_NOSTORE");
        }
        assertThat(origin.requests("/css/no-store.css")).isEqualTo(2);
        assertThat(origin.requests("/css/private.css")).isEqualTo(2);
    }

    @Test
    void powerPagesNeverCachesAResponseThatSetsACookie() {
        origin.answer(
                "/css/cookie.css",
                Answer.ok(
                        "a{}",
                        Map.of(
                                "Content-Type",
                                "text/css",
                                "Cache-Control",
                                "public, max-age=600",
                                "Set-Cookie",
                                "session=visitor-1")));

        EntityExchangeResult<byte[]> first = get("/css/cookie.css");
        EntityExchangeResult<byte[]> second = get("/css/cookie.css");

        assertThat(xCache(first)).isEqualTo("UNCACHEABLE");
        assertThat(second.getResponseHeaders().getFirst(HttpHeaders.SET_COOKIE)).isEqualTo("session=visitor-1");
        assertThat(origin.requests("/css/cookie.css")).isEqualTo(2);
    }

    @Test
    void frontDoorRouteCachingStripsSetCookieFromWhatItCaches() {
        patch("{\"cachingRule\":\"FrontDoorRoute\"}");
        origin.answer(
                "/api/cookie",
                Answer.ok(
                        "{}",
                        Map.of(
                                "Content-Type",
                                "application/json",
                                "Cache-Control",
                                "max-age=600",
                                "Set-Cookie",
                                "session=visitor-1")));

        EntityExchangeResult<byte[]> first = get("/api/cookie");
        EntityExchangeResult<byte[]> second = get("/api/cookie");

        assertThat(xCache(first)).isEqualTo("TCP_MISS");
        assertThat(xCache(second)).isEqualTo("TCP_HIT");
        assertThat(first.getResponseHeaders().containsHeader(HttpHeaders.SET_COOKIE))
                .isFalse();
        assertThat(second.getResponseHeaders().containsHeader(HttpHeaders.SET_COOKIE))
                .isFalse();
    }

    @Test
    void varyKeepsOneVariantPerRequestHeaderValue() {
        origin.answer(
                "/js/vary.js",
                headers -> Answer.ok(
                        "lang=" + headers.get("Accept-Language"),
                        Map.of(
                                "Content-Type",
                                "text/javascript",
                                "Cache-Control",
                                "public, max-age=600",
                                "Vary",
                                "Accept-Language")));

        EntityExchangeResult<byte[]> en = get("/js/vary.js", h -> h.set("Accept-Language", "en"));
        EntityExchangeResult<byte[]> fr = get("/js/vary.js", h -> h.set("Accept-Language", "fr"));
        EntityExchangeResult<byte[]> enAgain = get("/js/vary.js", h -> h.set("Accept-Language", "en"));

        assertThat(xCache(en)).isEqualTo("TCP_MISS");
        assertThat(xCache(fr)).isEqualTo("TCP_MISS");
        assertThat(xCache(enAgain)).isEqualTo("TCP_HIT");
        assertThat(body(enAgain)).isEqualTo("lang=en");
        assertThat(origin.requests("/js/vary.js")).isEqualTo(2);
    }

    @Test
    void useQueryStringIgnoresParameterOrder() {
        origin.answer("/css/q.css", cacheableCss());
        assertThat(xCache(get("/css/q.css?a=1&b=2"))).isEqualTo("TCP_MISS");
        assertThat(xCache(get("/css/q.css?b=2&a=1"))).isEqualTo("TCP_HIT");
        assertThat(xCache(get("/css/q.css?a=2&b=2"))).isEqualTo("TCP_MISS");
    }

    @Test
    void ignoreQueryStringSharesOneEntry() {
        patch("{\"queryStringCachingBehavior\":\"IgnoreQueryString\"}");
        origin.answer("/css/ignored.css", cacheableCss());
        assertThat(xCache(get("/css/ignored.css?v=1"))).isEqualTo("TCP_MISS");
        assertThat(xCache(get("/css/ignored.css?v=2"))).isEqualTo("TCP_HIT");
    }

    @Test
    void specifiedQueryStringsAreIncludedOrIgnored() {
        origin.answer("/css/listed.css", cacheableCss());
        patch("{\"queryStringCachingBehavior\":\"IncludeSpecifiedQueryStrings\",\"queryParameters\":[\"v\"]}");
        assertThat(xCache(get("/css/listed.css?v=1&utm=a"))).isEqualTo("TCP_MISS");
        assertThat(xCache(get("/css/listed.css?utm=b&v=1"))).isEqualTo("TCP_HIT");
        assertThat(xCache(get("/css/listed.css?v=2&utm=a"))).isEqualTo("TCP_MISS");

        patch("{\"queryStringCachingBehavior\":\"IgnoreSpecifiedQueryStrings\",\"queryParameters\":[\"utm\"]}");
        assertThat(xCache(get("/css/listed.css?v=3&utm=a"))).isEqualTo("TCP_MISS");
        assertThat(xCache(get("/css/listed.css?utm=z&v=3"))).isEqualTo("TCP_HIT");
    }

    @Test
    void theStoresExtensionListDecidesWhichFilesAreStaticAndAnAdministratorsListWins() {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> client.get()
                        .uri("/_edge/admin/cdn")
                        .header("X-Admin-Key", ADMIN_KEY)
                        .exchange()
                        .expectBody()
                        .jsonPath("$.fileExtensionsSource")
                        .isEqualTo("store"));
        // Without Cache-Control a listed static file gets the default lifetime; an unlisted one is a page.
        origin.answer(
                "/site.webmanifest", Answer.ok("{}", Map.of("Content-Type", "application/json", "ETag", "\"m\"")));
        origin.answer("/song.mp3", Answer.ok("ID3", Map.of("Content-Type", "audio/mpeg", "ETag", "\"s\"")));

        assertThat(xCache(get("/site.webmanifest"))).isEqualTo("TCP_MISS");
        assertThat(xCache(get("/site.webmanifest"))).isEqualTo("TCP_HIT");
        assertThat(xCache(get("/song.mp3")))
                .as("mp3 is in the default list, not the site's")
                .isEqualTo("CONFIG_NOCACHE");

        patch("{\"fileExtensions\":[\"mp3\"]}");
        assertThat(xCache(get("/song.mp3"))).isEqualTo("TCP_MISS");
        assertThat(xCache(get("/song.mp3"))).isEqualTo("TCP_HIT");
    }

    @Test
    void aStaleEntryIsRevalidatedAndAMatchingClientValidatorGets304() throws InterruptedException {
        origin.answer(
                "/js/reval.js",
                headers -> "\"r1\"".equals(headers.get("If-None-Match"))
                        ? new Answer(304, Map.of("ETag", "\"r1\"", "Cache-Control", "public, max-age=1"), "")
                        : Answer.ok(
                                "let a = 1",
                                Map.of(
                                        "Content-Type",
                                        "text/javascript",
                                        "Cache-Control",
                                        "public, max-age=1",
                                        "ETag",
                                        "\"r1\"")));
        assertThat(xCache(get("/js/reval.js"))).isEqualTo("TCP_MISS");
        Thread.sleep(1100);

        EntityExchangeResult<byte[]> refreshed = get("/js/reval.js");
        assertThat(xCache(refreshed)).isEqualTo("TCP_REFRESH_HIT");
        assertThat(body(refreshed)).isEqualTo("let a = 1");
        assertThat(origin.lastRequestHeaders("/js/reval.js").get("If-None-Match"))
                .isEqualTo("\"r1\"");

        client.get()
                .uri("/js/reval.js")
                .header("If-None-Match", "\"r1\"")
                .exchange()
                .expectStatus()
                .isNotModified()
                .expectHeader()
                .valueEquals("X-Cache", "TCP_HIT")
                .expectHeader()
                .valueEquals("ETag", "\"r1\"");
        assertThat(origin.requests("/js/reval.js")).isEqualTo(2);
    }

    @Test
    void compressibleFilesAreGzippedForClientsThatAcceptIt() throws Exception {
        String css = ".rule { margin: 0; }\n".repeat(200);
        origin.answer(
                "/css/big.css",
                Answer.ok(
                        css,
                        Map.of("Content-Type", "text/css", "Cache-Control", "public, max-age=600", "ETag", "\"big\"")));
        // The JDK client, unlike WebTestClient's, neither asks for gzip by itself nor unpacks it.
        HttpClient http = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + port + "/css/big.css");

        HttpResponse<byte[]> gzipped = http.send(
                HttpRequest.newBuilder(uri)
                        .header("Accept-Encoding", "gzip, br")
                        .build(),
                BodyHandlers.ofByteArray());
        HttpResponse<byte[]> identity = http.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofByteArray());

        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.headers().allValues("Vary")).contains("Accept-Encoding");
        assertThat(gzipped.body().length).isLessThan(css.length() / 4);
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(css);
        }
        assertThat(identity.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(new String(identity.body(), StandardCharsets.UTF_8)).isEqualTo(css);
        assertThat(identity.headers().firstValue("X-Cache")).contains("TCP_HIT");
        assertThat(origin.requests("/css/big.css")).isEqualTo(1);
    }

    @Test
    void anUnsafeRequestInvalidatesItsUrl() {
        origin.answer("/css/changed.css", cacheableCss());
        get("/css/changed.css");
        assertThat(xCache(get("/css/changed.css"))).isEqualTo("TCP_HIT");

        client.post().uri("/css/changed.css").exchange().expectStatus().isOk();

        assertThat(xCache(get("/css/changed.css"))).isEqualTo("TCP_MISS");
    }

    @Test
    void switchedOffNothingIsCached() {
        patch("{\"enabled\":false}");
        origin.answer("/css/off.css", cacheableCss());
        assertThat(xCache(get("/css/off.css"))).isEqualTo("CONFIG_NOCACHE");
        assertThat(xCache(get("/css/off.css"))).isEqualTo("CONFIG_NOCACHE");
        assertThat(origin.requests("/css/off.css")).isEqualTo(2);
    }

    @Test
    void theAdminApiNeedsTheKeyAndRejectsBadSettings() {
        client.get().uri("/_edge/admin/cdn").exchange().expectStatus().isUnauthorized();
        client.patch()
                .uri("/_edge/admin/cdn")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"enabled\":true}")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        client.post()
                .uri("/_edge/admin/cdn/purge")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isUnauthorized();

        for (String bad : new String[] {
            "{\"cachingRule\":\"Everything\"}",
            "{\"colour\":\"blue\"}",
            "[1]",
            "not json",
            "{\"queryStringCachingBehavior\":\"IncludeSpecifiedQueryStrings\"}"
        }) {
            client.patch()
                    .uri("/_edge/admin/cdn")
                    .header("X-Admin-Key", ADMIN_KEY)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(bad)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.error.code")
                    .isEqualTo("BadRequest");
        }
        client.post()
                .uri("/_edge/admin/cdn/purge")
                .header("X-Admin-Key", ADMIN_KEY)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"contentPaths\":[\"css/*\"]}")
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void theSwitchIsWrittenToTheSettingsFile() throws IOException {
        patch("{\"cachingRule\":\"FrontDoorRoute\"}");
        String saved = Files.readString(settingsFile);
        assertThat(saved).contains("\"enabled\" : true").contains("\"cachingRule\" : \"FrontDoorRoute\"");
    }

    private void patch(String mergePatch) {
        client.patch()
                .uri("/_edge/admin/cdn")
                .header("X-Admin-Key", ADMIN_KEY)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue(mergePatch)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private EntityExchangeResult<byte[]> get(String uri) {
        return get(uri, headers -> {});
    }

    private EntityExchangeResult<byte[]> get(String uri, Consumer<HttpHeaders> headers) {
        return client.get()
                .uri(URI.create("http://localhost:" + port + uri))
                .headers(headers)
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody()
                .returnResult();
    }

    private static String xCache(EntityExchangeResult<byte[]> result) {
        return result.getResponseHeaders().getFirst("X-Cache");
    }

    private static String body(EntityExchangeResult<byte[]> result) {
        return new String(result.getResponseBody(), StandardCharsets.UTF_8);
    }

    private static Answer cacheableCss() {
        return css("public, max-age=600");
    }

    private static Answer css(String cacheControl) {
        return Answer.ok("a { }", Map.of("Content-Type", "text/css", "Cache-Control", cacheControl));
    }

    private static Answer page(String cacheControl) {
        return Answer.ok("<h1>page</h1>", Map.of("Content-Type", "text/html", "Cache-Control", cacheControl));
    }
}
