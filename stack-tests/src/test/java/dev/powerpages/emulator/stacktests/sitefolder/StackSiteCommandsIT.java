package dev.powerpages.emulator.stacktests.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.stacktests.StackScript;
import dev.powerpages.emulator.stacktests.StackScript.Run;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./stack up --site}, {@code check-site} and {@code export-site} as a user runs them (and what {@code up} refuses): the real script from the
 * repository's root, on free ports (the port variables and {@code STACK_HOME} that {@code ./stack} reads), with a
 * copy of the workshop's site folder ({@code docs/workshops/lab-site}) and a malformed copy of it. The stack it
 * starts is stopped after the last test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackSiteCommandsIT {

    private static final Path ROOT = StackScript.ROOT;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * How soon an edit of the folder must show on both regions. Issue 14 aims at 3 s (the store imports an edit within
     * about 0.5 s, a node asks for changes every 2 s); a node then reloads its whole snapshot, which on a loaded
     * two-core machine took up to 10 s (the figure is printed as EDIT-ARRIVAL). The bound fails an edit that does not
     * travel through change tracking at all.
     */
    private static final Duration EDIT_BOUND = Duration.ofSeconds(20);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StackScript script;
    private Path work;
    private Path site;
    private Path malformed;

    @BeforeAll
    void folders() throws IOException {
        script = new StackScript(Path.of("target", "stack-site-commands"), Duration.ofMinutes(10));
        work = script.work();
        site = copy(ROOT.resolve("docs/workshops/lab-site"), work.resolve("site"));
        malformed = copy(ROOT.resolve("docs/workshops/lab-site"), work.resolve("malformed"));
        // a quoted scalar that never ends, on line 3
        Files.writeString(
                malformed.resolve("web-pages/about/About.webpage.yml"),
                "adx_name: About\nadx_partialurl: about\nadx_title: \"About\n");
    }

    @AfterAll
    void down() {
        if (script != null) {
            stack("down");
        }
    }

    @Test
    @Order(0)
    void upRefusesAnOptionItDoesNotKnow() {
        Run up = stack("up", "-d", "--bogus");

        assertThat(up.status()).isEqualTo(1);
        assertThat(up.err()).contains("unknown option --bogus");
        assertThat(stack("ps").out()).doesNotContain("healthy");
    }

    @Test
    @Order(0)
    void upWithOnePortTakenStartsNothingAndNamesThePort() throws IOException {
        String resourceManagerPort = script.get("RESOURCE_MANAGER_PORT");
        try (ServerSocket taken = new ServerSocket(Integer.parseInt(resourceManagerPort))) {
            Run up = stack("up", "-d");

            assertThat(up.status()).isEqualTo(1);
            assertThat(up.err()).contains("nothing started").contains(resourceManagerPort + " (traffic-manager)");
            assertThat(stack("ps").out()).doesNotContain("healthy").doesNotContain("starting");
        }
    }

    @Test
    @Order(1)
    void upWithAMalformedSiteFailsWithTheFileAndLineBeforeAnythingStarts() {
        Run up = stack("up", "-d", "--site", malformed.toString());

        assertThat(up.status()).isEqualTo(1);
        assertThat(up.err()).contains("cannot be imported").contains("web-pages/about/About.webpage.yml:");
        assertThat(stack("ps").out()).doesNotContain("healthy");
    }

    @Test
    @Order(2)
    void checkSiteStartsTheStackWithTheFolderAndPassesWhenEveryPageIsServed() {
        Run check = stack("check-site", site.toString(), "--json");

        assertThat(check.status())
                .as("exit status; stdout:%n%s%nstderr:%n%s", check.out(), check.err())
                .isZero();
        JsonNode report = JSON.readTree(check.out());
        assertThat(report.path("passed").asBoolean()).isTrue();
        assertThat(report.path("pages").path("total").asInt()).isEqualTo(4);
        assertThat(report.path("pages").path("accessRule").asInt()).isEqualTo(1);
        assertThat(report.path("webFiles").path("served").asInt()).isEqualTo(2);
        assertThat(stack("ps").out()).contains("site: " + site + " (STANDARD_YAML");
    }

    @Test
    @Order(3)
    void anEditedTemplateShowsOnBothRegionsThroughChangeTracking() throws Exception {
        Path layout = site.resolve("web-templates/lab-layout/Lab-Layout.webtemplate.source.html");
        String marker = "edited-" + System.nanoTime();
        long saved = System.nanoTime();
        Files.writeString(layout, Files.readString(layout).replace("<h1>", "<h1 class=\"" + marker + "\">"));

        Map<String, Duration> arrival = new LinkedHashMap<>();
        Map<String, String> regions = new LinkedHashMap<>();
        while (arrival.size() < 2
                && System.nanoTime() - saved < Duration.ofSeconds(30).toNanos()) {
            for (String node : List.of("NORTHEUROPE_PORT", "WESTEUROPE_PORT")) {
                if (!arrival.containsKey(node)) {
                    HttpResponse<String> page = get("http://localhost:" + script.get(node) + "/about/");
                    if (page.body().contains(marker)) {
                        arrival.put(node, Duration.ofNanos(System.nanoTime() - saved));
                        regions.put(
                                node, page.headers().firstValue("X-PP-Region").orElse(""));
                    }
                }
            }
            Thread.sleep(50);
        }
        System.out.println("EDIT-ARRIVAL " + arrival);

        assertThat(regions)
                .containsEntry("NORTHEUROPE_PORT", "northeurope")
                .containsEntry("WESTEUROPE_PORT", "westeurope");
        assertThat(arrival.values()).allSatisfy(took -> assertThat(took).isLessThanOrEqualTo(EDIT_BOUND));
    }

    @Test
    @Order(4)
    void checkSiteExitsNonZeroAndNamesTheTemplateWhenPagesFail() throws Exception {
        Path pageCopy = site.resolve("web-templates/page-copy/Page-Copy.webtemplate.source.html");
        String good = Files.readString(pageCopy);
        Files.writeString(pageCopy, good + "{% if page.title %}\n");
        try {
            Run check = stack("check-site", site.toString());

            assertThat(check.status()).isEqualTo(1);
            assertThat(check.out()).contains("template error in 'Page Copy'").contains("FAILED: 3 of 4 pages");
        } finally {
            Files.writeString(pageCopy, good);
        }
    }

    @Test
    @Order(5)
    void upWithAMalformedSiteLeavesARunningStackServingItsSite() {
        Run up = stack("up", "-d", "--site", malformed.toString());

        assertThat(up.status()).isEqualTo(1);
        assertThat(up.err()).contains("web-pages/about/About.webpage.yml:");
        assertThat(stack("ps").out()).contains("site: " + site + " (STANDARD_YAML");
    }

    @Test
    @Order(6)
    void exportSiteWritesTheSameFilesBack() throws IOException {
        Path export = work.resolve("export");
        delete(export);

        Run run = stack("export-site", export.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("Wrote ");
        for (Path file : files(site)) {
            if (!file.toString().equals("README.md")) {
                assertThat(export.resolve(file)).as(file.toString()).exists();
                assertThat(Files.readString(export.resolve(file)))
                        .as(file.toString())
                        .isEqualTo(Files.readString(site.resolve(file)));
            }
        }
        assertThat(stack("export-site", export.toString()).status())
                .as("a second export into the same folder")
                .isEqualTo(1);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Run stack(String... args) {
        return script.run(args);
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).map(folder::relativize).toList();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        delete(to);
        for (Path file : files(from)) {
            Files.createDirectories(to.resolve(file).getParent());
            Files.copy(from.resolve(file), to.resolve(file));
        }
        return to;
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> walk = Files.walk(folder)) {
                walk.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
