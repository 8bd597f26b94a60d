package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SiteRenderingTest extends FakeStoreTestSupport {

    @Test
    void rendersHomePageWithTitleSnippetAndNavigation() {
        HttpResponse<String> response = http.get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("<title>Welcome to Contoso | Contoso Pages</title>")
                .contains("<h1>Welcome to Contoso</h1><p>Home copy</p>")
                .contains("<footer>&copy; Contoso Ltd</footer>")
                // included web template, links in display order, the draft page's link left out
                .contains(
                        "<nav><a href=\"/\">Home</a><a href=\"/about/\">About</a><a href=\"https://learn.microsoft.com/power-pages/\">Docs</a></nav>")
                .contains("<p class=\"marker\">/page-not-found/</p>")
                // children: sitemap semantics, no drafts, no hidden pages
                .contains("<ul class=\"children\"><li>About us=/about/</li></ul>")
                .contains("<p class=\"year\">" + java.time.Year.now(java.time.ZoneOffset.UTC) + "</p>");
    }

    @Test
    void sendsHttpSiteSettingsAsPageHeaders() {
        var about = http.get("/about/");
        assertThat(about.statusCode()).isEqualTo(200);
        assertThat(about.headers().firstValue("X-Frame-Options")).hasValue("SAMEORIGIN");
        assertThat(about.headers().map().keySet())
                .noneMatch(name -> name.toLowerCase().contains("samesite"));
    }

    @Test
    void pageListedAsCacheableIsPublicForSharedCachesAndOthersArePrivate() {
        assertThat(http.get("/about/").headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
        assertThat(http.get("/").headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(http.get("/about/team/").headers().firstValue("Cache-Control"))
                .hasValue("private, no-cache");
        assertThat(http.get("/no/such/page/").headers().firstValue("Cache-Control"))
                .hasValue("private, no-cache");
    }

    @Test
    void unknownLiquidObjectsRenderEmpty() {
        assertThat(http.get("/").body()).contains("<p class=\"unknown\">[][]</p>");
    }

    @Test
    void routesNestedPageByItsAncestorsPartialUrls() {
        HttpResponse<String> response = http.get("/about/team/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("<h1>Our team</h1><p>Team copy</p>")
                .contains("<ol class=\"breadcrumbs\"><li>Welcome to Contoso</li><li>About us</li></ol>");
    }

    @Test
    void redirectsPathWithoutTrailingSlashToThePageUrl() {
        HttpResponse<String> response = http.get("/about/team?tab=1");

        assertThat(response.statusCode()).isEqualTo(301);
        assertThat(response.headers().firstValue("Location")).hasValue("/about/team/?tab=1");
    }

    @Test
    void unknownPathRendersThePageNotFoundSiteMarkerPageWith404() {
        HttpResponse<String> response = http.get("/no/such/page/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("<h1>Sorry, this page does not exist</h1>");
        assertThat(response.headers().firstValue("X-PP-Region")).hasValue("northeurope");
        assertThat(response.headers().firstValue("X-PP-Node")).hasValue("northeurope-1");
    }

    @Test
    void draftPageIsNotServed() {
        HttpResponse<String> response = http.get("/secret/");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("Draft copy").contains("Sorry, this page does not exist");
    }

    @Test
    void servesWebFileFromItsNewestNoteWithCachingHeaders() {
        HttpResponse<String> response = http.get("/css/site.css");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(FakeMetadataStore.CSS);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));
        assertThat(response.headers().firstValue("ETag"))
                .hasValueSatisfying(etag -> assertThat(etag).matches("\"[0-9a-f]{32}\""));
        assertThat(response.headers().firstValue("Last-Modified")).hasValue("Fri, 01 Mar 2024 08:00:00 GMT");
        assertThat(response.headers().firstValue("Cache-Control"))
                .as("site setting WebFiles/Cache-Control")
                .hasValue("public, max-age=300");
    }

    @Test
    void answers304WhenTheWebFileIsUnchanged() {
        String etag = http.get("/css/site.css").headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> response = http.get("/css/site.css", "If-None-Match", etag);

        assertThat(response.statusCode()).isEqualTo(304);
        assertThat(response.body()).isEmpty();
        assertThat(response.headers().firstValue("ETag")).hasValue(etag);
        assertThat(response.headers().firstValue("X-PP-Node")).hasValue("northeurope-1");
        assertThat(http.get("/css/site.css", "If-None-Match", "\"something-else\"")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void templateSyntaxErrorGivesAnErrorPageNamingTheTemplate() {
        HttpResponse<String> response = http.get("/broken/");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(response.body())
                .contains("Broken Template")
                .doesNotContain("at dev.powerpages", "at liqp.", "Exception");
        assertThat(response.headers().firstValue("X-PP-Region")).hasValue("northeurope");
    }

    @Test
    void everyResponseNamesRegionAndNode() {
        for (String path : List.of(
                "/",
                "/nope/",
                "/about",
                "/_services/health",
                "/_services/chaos",
                "/_services/unknown",
                "/actuator/health",
                "/css/site.css")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.headers().firstValue("X-PP-Region")).as(path).hasValue("northeurope");
            assertThat(response.headers().firstValue("X-PP-Node")).as(path).hasValue("northeurope-1");
        }
    }

    @Test
    void obtainsTheStoreTokenOnceAndReusesIt() throws InterruptedException {
        Thread.sleep(1_000); // a few background refreshes, each about a dozen Web API calls
        http.get("/");

        assertThat(STORE.tokenRequests()).isEqualTo(1);
    }

    @Test
    void rendersIdenticallyUnderConcurrency() throws Exception {
        // Pages built from includes and from a layout with blocks (liqp issue #287: templates are not thread-safe).
        String expected = http.get("/about/team/").body();
        String expectedArticle = http.get("/article/").body();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                Callable<List<String>> renders = () -> {
                    List<String> bodies = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        bodies.add(http.get(i % 2 == 0 ? "/about/team/" : "/article/")
                                .body());
                    }
                    return bodies;
                };
                results.add(pool.submit(renders));
            }
            Set<String> distinct = results.stream()
                    .flatMap(result -> {
                        try {
                            return result.get().stream();
                        } catch (Exception ex) {
                            throw new IllegalStateException(ex);
                        }
                    })
                    .collect(Collectors.toSet());
            assertThat(distinct).containsExactlyInAnyOrder(expected, expectedArticle);
        } finally {
            pool.shutdownNow();
        }
    }
}
