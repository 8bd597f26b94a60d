package dev.powerpages.emulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.cli.check.SiteCheckTest;
import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.sitefolder.FixtureSites;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class StackCliTest {

    private final FakeStack stack = new FakeStack();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        stack.close();
    }

    private int run(String... args) {
        return new StackCli(
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        new Http())
                .run(List.of(args));
    }

    private int checkSite(String... more) {
        List<String> args = new ArrayList<>(List.of(
                "check-site",
                "--gateway",
                stack.url(),
                "--store",
                stack.url(),
                "--node",
                "northeurope=" + stack.url(),
                "--node",
                "westeurope=" + stack.url()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void checkSiteExitsWithOneAndListsEachFailureWithItsReasonWhenAPageFails() {
        SiteCheckTest.site(stack);

        int status = checkSite();

        assertThat(status).isEqualTo(1);
        assertThat(out())
                .contains("Pages        3 of 4 served (75.0 %)")
                .contains("/en-US/about/  500 template error in 'About' line 4: bad filter")
                .contains("/logo.png  served as application/octet-stream, its row says image/png")
                .contains("/missing.js  404")
                .contains("tag powerbi")
                .contains("NOT_SITE_FILE     2  README.md: not part of the site")
                .contains("FAILED: 1 of 4 pages and 2 of 3 web files");
    }

    @Test
    void checkSiteExitsWithZeroWhenEveryPageAndFileIsServedOrAnsweredAsItsRulesSay() {
        SiteCheckTest.site(stack);
        stack.html("/en-US/about/", 200, "<h1>About</h1>");
        stack.answer("/logo.png", () -> FakeStack.response(200, "image/png", "PNG"));
        stack.answer("/missing.js", () -> FakeStack.response(200, "application/javascript", "x"));

        int status = checkSite();

        assertThat(status).isZero();
        assertThat(out())
                .contains("sign-in redirect or 403, as their access rules say       1")
                .contains("PASSED: 4 pages and 3 web files");
    }

    @Test
    void checkSiteWritesEveryResultAsJsonForCi() {
        SiteCheckTest.site(stack);

        int status = checkSite("--json");

        assertThat(status).isEqualTo(1);
        JsonNode report = Http.JSON.readTree(out());
        assertThat(report.path("passed").asBoolean()).isFalse();
        assertThat(report.path("pages").path("failed").asInt()).isEqualTo(1);
        assertThat(report.path("results")).hasSize(7);
        assertThat(report.path("results").get(2).path("url").asString()).isEqualTo("/ja-JP/お問い合わせ/");
        assertThat(report.path("notEmulated").path("tag powerbi").path("pages").asInt())
                .isEqualTo(2);
    }

    @Test
    void checkSiteExitsWithTwoAndSaysWhyWhenTheStackCannotBeReached() {
        int status = run(
                "check-site",
                "--gateway",
                "http://127.0.0.1:1",
                "--store",
                "http://127.0.0.1:1",
                "--node",
                "n=http://127.0.0.1:1");

        assertThat(status).isEqualTo(2);
        assertThat(err()).startsWith("stack: GET http://127.0.0.1:1/_services/site failed");
    }

    @Test
    void validateSiteNamesTheMalformedFileAndItsLine() {
        int status =
                run("validate-site", FixtureSites.path("malformed/yaml-error").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err()).containsPattern("cannot be imported: \\S+\\.yml:\\d+: ");
    }

    @Test
    void validateSiteNamesTheLayoutFoundInAFolderOfTheWrongKind() {
        int status = run(
                "validate-site",
                FixtureSites.path("wrong-kind/code-site-source").toString());

        assertThat(status).isEqualTo(1);
        assertThat(err()).contains("cannot be imported").contains(".powerpages-site");
    }

    @Test
    void validateSiteSaysWhatAReadableFolderHolds() {
        int status = run("validate-site", FixtureSites.path("standard-full").toString());

        assertThat(status).isZero();
        assertThat(out()).contains("STANDARD_YAML layout, standard data model").contains("NOT_SITE_FILE");
    }

    @Test
    void siteStatusSaysWhichSiteTheStoreServes(@TempDir Path unused) {
        SiteCheckTest.site(stack);

        assertThat(run("site-status", "--store", stack.url())).isZero();
        assertThat(run("site-status", "--store", stack.url(), "--directory")).isZero();

        assertThat(out())
                .contains(
                        "site: /sites/contoso (STANDARD_YAML, 9 rows; edits followed by events and polling every 500 ms)")
                .endsWith("/sites/contoso\n");
    }

    @Test
    void siteStatusOfTheDemoSite() {
        stack.json("/_services/site", "{\"source\":\"demo\"}");

        run("site-status", "--store", stack.url(), "--directory");

        assertThat(out()).isEqualTo("demo\n");
    }

    @Test
    void exportSiteRefusesAFolderThatHoldsFilesUnlessForced(@TempDir Path folder) throws Exception {
        stack.json(
                "/_services/site",
                "{\"source\":\"folder\",\"directory\":\"/sites/contoso\",\"report\":{\"layout\":\"STANDARD_YAML\"}}");
        stack.answer(
                "/_services/site/export",
                () -> new mockwebserver3.MockResponse.Builder()
                        .code(200)
                        .addHeader("Content-Type", "application/zip")
                        .body(new okio.Buffer().write(Zips.of("website.yml", "adx_name: x\n")))
                        .build());
        Files.writeString(folder.resolve("README.md"), "mine");

        assertThat(run("export-site", folder.toString(), "--store", stack.url()))
                .isEqualTo(1);
        assertThat(err()).contains("is not empty").contains("--force");
        assertThat(folder.resolve("website.yml")).doesNotExist();

        assertThat(run("export-site", folder.toString(), "--store", stack.url(), "--force"))
                .isZero();
        assertThat(folder.resolve("website.yml")).hasContent("adx_name: x\n");
        assertThat(folder.resolve("README.md")).hasContent("mine");
        assertThat(out())
                .contains("Wrote 1 files")
                .contains("STANDARD_YAML layout of /sites/contoso")
                .contains("1 files already there that the site does not have were left in place");
    }
}
