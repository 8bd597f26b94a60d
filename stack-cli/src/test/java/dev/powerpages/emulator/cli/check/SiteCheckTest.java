package dev.powerpages.emulator.cli.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.cli.FakeStack;
import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.http.HttpException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

public class SiteCheckTest {

    static final String JAPANESE_PAGE = "/ja-JP/%E3%81%8A%E5%95%8F%E3%81%84%E5%90%88%E3%82%8F%E3%81%9B/";

    private final FakeStack stack = new FakeStack();

    /** A folder site of three languages' pages, a restricted one, and web files, as the store and a node report it. */
    public static void site(FakeStack stack) {
        stack.json("/_services/site", """
                {"source":"folder","directory":"/sites/contoso","watching":"events and polling every 500 ms",
                 "report":{"directory":"/sites/contoso","layout":"STANDARD_YAML","dataModel":"STANDARD",
                   "importedAt":"2024-01-01T00:00:00Z","millis":120,"rowsPerTable":{"adx_webpage":6,"adx_webfile":3},
                   "changes":{"created":9,"updated":0,"deleted":0,"unchanged":0},
                   "notes":[{"kind":"NOT_SITE_FILE","source":"README.md","message":"not part of the site"},
                            {"kind":"NOT_SITE_FILE","source":"package.json","message":"not part of the site"},
                            {"kind":"DUPLICATE_ID","source":"web-pages/news-deleted/News-deleted.webpage.yml","message":"repeats News"}],
                   "columnsNotInSchema":{"adx_webpage.adx_custom":2},"tablesNotInSchema":{}}}
                """);
        stack.json("/_services/health", """
                {"status":"Healthy","region":"northeurope","website":"Contoso","siteLoadedAt":"2024-01-01T00:00:05Z","reasons":[]}
                """);
        stack.json("/_services/about", """
                {"changePollIntervalMs":2000,"notEmulated":{"tag powerbi":3,"tag chart":1}}
                """);
        stack.json("/_services/site/urls", """
                {"website":{"id":"5e","name":"Contoso","dataModel":"standard"},
                 "languages":[{"code":"en-US","published":true},{"code":"ja-JP","published":true}],
                 "pages":[
                   {"url":"/en-US/","language":"en-US","name":"Home","anonymous":200,"roles":[]},
                   {"url":"/en-US/about/","language":"en-US","name":"About","anonymous":200,"roles":[]},
                   {"url":"/ja-JP/お問い合わせ/","language":"ja-JP","name":"お問い合わせ","anonymous":200,"roles":[]},
                   {"url":"/en-US/members/","language":"en-US","name":"Members","anonymous":302,"roles":["Members"]}],
                 "webFiles":[
                   {"url":"/site.css","contentType":"text/css","anonymous":200},
                   {"url":"/logo.png","contentType":"image/png","anonymous":200},
                   {"url":"/missing.js","contentType":"application/javascript","anonymous":200}]}
                """);
        stack.html("/en-US/", 200, "<h1>Home</h1><!-- Power Pages Stack Emulator: tag powerbi is not emulated -->");
        stack.html(
                "/en-US/about/",
                500,
                "<h1>500 Liquid error</h1><p>The web template <strong class=\"template\">About</strong>"
                        + "<span class=\"line\">, line 4</span> could not be rendered:</p><pre>bad filter</pre>");
        stack.html(
                JAPANESE_PAGE, 200, "<h1>お問い合わせ</h1><!-- Power Pages Stack Emulator: tag powerbi is not emulated -->");
        stack.redirect("/en-US/members/", 302, "/SignIn?returnUrl=%2Fen-US%2Fmembers%2F");
        stack.answer("/site.css", () -> FakeStack.response(200, "text/css", "body{}"));
        stack.answer("/logo.png", () -> FakeStack.response(200, "application/octet-stream", "PNG"));
    }

    private SiteCheck check() {
        return check(Duration.ofSeconds(10));
    }

    private SiteCheck check(Duration wait) {
        return new SiteCheck(
                new Http(),
                new SiteCheck.Settings(
                        stack.url(), stack.url(), Map.of("northeurope", stack.url()), "emulator-admin-key", 2, wait));
    }

    /** The gateway's answer while the traffic manager has not answered it yet (docs/cdn.md). */
    private static MockResponse noOriginYet() {
        return FakeStack.response(
                503,
                "application/json",
                "{\"error\":{\"code\":\"TrafficManagerUnreachable\",\"message\":\"The traffic manager cannot be"
                        + " reached and no origin is known for profile 'contoso'.\",\"reference\":\"r\"}}");
    }

    @BeforeEach
    void serve() {
        site(stack);
    }

    @AfterEach
    void close() {
        stack.close();
    }

    @Test
    void fetchesEveryListedPageAndWebFileThroughTheGatewayAndCountsWhatTheyAre() {
        CheckReport report = check().run("/sites/contoso");

        assertThat(report.pages()).isEqualTo(new CheckReport.Counts(4, 2, 1, 0, 0, 1));
        assertThat(report.webFiles()).isEqualTo(new CheckReport.Counts(3, 1, 0, 1, 1, 0));
        assertThat(report.passed()).isFalse();
        assertThat(report.results())
                .filteredOn(r -> r.url().equals("/en-US/about/"))
                .singleElement()
                .extracting(CheckResult::why)
                .isEqualTo("500 template error in 'About' line 4: bad filter");
        assertThat(report.website()).isEqualTo("Contoso");
        assertThat(report.layout()).isEqualTo("STANDARD_YAML");
        assertThat(report.rows()).isEqualTo(9);
    }

    @Test
    void asksForAJapanesePageByItsUtf8PercentEncodedPath() {
        CheckReport report = check().run(null);

        assertThat(stack.targets()).contains(JAPANESE_PAGE);
        assertThat(report.results())
                .filteredOn(r -> r.url().equals("/ja-JP/お問い合わせ/"))
                .singleElement()
                .extracting(CheckResult::outcome)
                .isEqualTo(Outcome.SERVED);
    }

    @Test
    void countsNotEmulatedFeaturesByPageAndByTheNodesOwnCounts() {
        CheckReport report = check().run(null);

        assertThat(report.notEmulated())
                .containsEntry("tag powerbi", new CheckReport.FeatureUse(2, 2, 3))
                .containsEntry("tag chart", new CheckReport.FeatureUse(0, 0, 1));
    }

    @Test
    void summarisesTheImportNotesByKind() {
        CheckReport report = check().run(null);

        assertThat(report.importNotes()).containsOnlyKeys("NOT_SITE_FILE", "DUPLICATE_ID");
        assertThat(report.importNotes().get("NOT_SITE_FILE").count()).isEqualTo(2);
        assertThat(report.importNotes().get("NOT_SITE_FILE").examples())
                .containsExactly("README.md: not part of the site", "package.json: not part of the site");
        assertThat(report.columnsNotInSchema()).containsEntry("adx_webpage.adx_custom", 2);
    }

    @Test
    void followsARedirectWithinTheSiteBeforeJudgingThePage() {
        stack.redirect("/en-US/about/", 301, "/en-US/about-us/");
        stack.html("/en-US/about-us/", 200, "<h1>About us</h1>");

        CheckReport report = check().run(null);

        assertThat(report.results())
                .filteredOn(r -> r.url().equals("/en-US/about/"))
                .singleElement()
                .satisfies(result -> {
                    assertThat(result.outcome()).isEqualTo(Outcome.SERVED);
                    assertThat(result.redirectedTo()).isEqualTo("/en-US/about-us/");
                });
    }

    @Test
    void waitsUntilTheGatewayKnowsAnOriginBeforeJudgingThePages() {
        AtomicInteger asked = new AtomicInteger();
        stack.answer(
                "/", () -> asked.incrementAndGet() <= 3 ? noOriginYet() : FakeStack.response(200, "text/html", "home"));

        CheckReport report = check().run(null);

        // Not a page failed for the stack's start: the same verdicts as with the gateway ready from the first request.
        assertThat(report.pages()).isEqualTo(new CheckReport.Counts(4, 2, 1, 0, 0, 1));
        List<String> targets = stack.targets();
        assertThat(targets.indexOf("/en-US/")).isGreaterThan(targets.lastIndexOf("/"));
        assertThat(asked).hasValue(4);
    }

    @Test
    void saysSoWhenTheGatewayNeverKnowsAnOrigin() {
        stack.answer("/", SiteCheckTest::noOriginYet);

        assertThatThrownBy(() -> check(Duration.ofSeconds(1)).run(null))
                .isInstanceOf(HttpException.class)
                .hasMessageContaining("knew no origin within 1 s: 503 TrafficManagerUnreachable");
        assertThat(stack.targets()).doesNotContain("/en-US/");
    }

    @Test
    void refusesToCheckWhenTheStoreServesAnotherFolder() {
        assertThatThrownBy(() -> check().run("/sites/fabrikam"))
                .isInstanceOf(HttpException.class)
                .hasMessageContaining("serves /sites/contoso, not /sites/fabrikam");
    }

    @Test
    void saysWhenTheFoldersCurrentStateIsKeptOutByAMalformedEdit() {
        stack.json("/_services/site", """
                {"source":"folder","directory":"/sites/contoso","error":{"file":"web-pages/home/Home.webpage.yml","line":3,
                 "message":"web-pages/home/Home.webpage.yml:3: malformed YAML"},
                 "report":{"layout":"STANDARD_YAML","dataModel":"STANDARD","importedAt":"2024-01-01T00:00:00Z","rowsPerTable":{},"notes":[]}}
                """);

        CheckReport report = check().run(null);

        assertThat(report.folderError().where()).isEqualTo("web-pages/home/Home.webpage.yml:3");
    }
}
