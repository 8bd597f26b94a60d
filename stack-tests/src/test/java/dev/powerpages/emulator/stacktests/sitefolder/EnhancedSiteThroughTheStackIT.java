package dev.powerpages.emulator.stacktests.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.testkit.HttpResult;
import dev.powerpages.emulator.testkit.PowerPagesStack;
import dev.powerpages.emulator.testkit.PowerPagesStackTest;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The enhanced data model through the whole stack: site-folder's {@code enhanced-yaml} fixture (a code site whose
 * {@code .powerpages-site/} holds short-key YAML) imported by the store as {@code powerpagecomponent} rows, its pages
 * and web files served through the gateway (a web file's bytes from the component's {@code filecontent} column), and
 * an edit of its YAML reaching both regions through change tracking.
 */
@PowerPagesStackTest(siteFolder = "../site-folder/src/test/resources/sites/enhanced-yaml")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnhancedSiteThroughTheStackIT {

    private static final String SITE = ".powerpages-site/";
    /** As StackSiteCommandsIT: an edit that does not travel through change tracking at all fails it. */
    private static final Duration EDIT_BOUND = Duration.ofSeconds(20);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    @Order(1)
    void theStoreHoldsTheFolderAsEnhancedComponentsAndTheGatewayServesItsPages(PowerPagesStack stack) {
        assertThat(stack.store().rows("mspp_webpages?$select=mspp_name")).isNotEmpty();

        HttpResult about = stack.site().get("/en-US/about/");
        assertThat(about.status()).as(about.body()).isEqualTo(200);
        assertThat(about.body()).contains("About Contoso.");
        assertThat(stack.site().get("/about/").header("Location")).hasValue("/en-US/about/");
    }

    @Test
    @Order(2)
    void servesEachWebFileWithTheBytesOfItsFileAndItsContentType(PowerPagesStack stack) throws Exception {
        Path folder = stack.siteFolder().resolve(SITE + "web-files");
        for (String file : List.of("site.css", "site.js", "logo.png")) {
            Path row = folder.resolve(file).resolve(file + ".webfile.yml");
            // Its URL is its partial URL under its parent page, the home page (site.js: js/site.js).
            HttpResponse<byte[]> served = http.send(
                    HttpRequest.newBuilder(stack.site().url("/" + column(row, "partialurl")))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(served.statusCode()).as(file).isEqualTo(200);
            assertThat(served.body())
                    .as(file)
                    .isEqualTo(Files.readAllBytes(folder.resolve(file).resolve(file)));
            // The row's own type is checked where it is the one the file name implies: the enhanced YAML's mimetype
            // (site.js: application/javascript) does not survive the import yet (powerpagecomponent has no column
            // for the file's type), so the node names the type after the file (text/javascript).
            if (!file.endsWith(".js")) {
                String mimetype = column(row, "mimetype");
                assertThat(served.headers().firstValue("Content-Type"))
                        .as(file)
                        .hasValueSatisfying(type -> assertThat(type).startsWith(mimetype));
            }
        }
    }

    @Test
    @Order(3)
    void anEditOfItsYamlReachesBothRegions(PowerPagesStack stack) throws Exception {
        Path page = stack.siteFolder().resolve(SITE + "web-pages/about/content-pages/en-US/About.webpage.yml");
        String marker = "About-" + System.nanoTime();
        long saved = System.nanoTime();
        Files.writeString(page, Files.readString(page).replace("title: About", "title: " + marker));

        Map<String, Duration> arrival = new LinkedHashMap<>();
        while (arrival.size() < 2 && System.nanoTime() - saved < EDIT_BOUND.toNanos()) {
            for (String region : List.of("northeurope", "westeurope")) {
                if (!arrival.containsKey(region)
                        && stack.region(region).get("/en-US/about/").body().contains(marker)) {
                    arrival.put(region, Duration.ofNanos(System.nanoTime() - saved));
                }
            }
            Thread.sleep(50);
        }
        System.out.println("ENHANCED-EDIT-ARRIVAL " + arrival);

        assertThat(arrival).containsOnlyKeys("northeurope", "westeurope");
        assertThat(stack.site().get("/en-US/about/").body()).contains(marker);
    }

    /** A column of a one-row YAML file as pac writes it ({@code key: value} lines). */
    private static String column(Path yaml, String key) throws IOException {
        return Files.readAllLines(yaml).stream()
                .filter(line -> line.startsWith(key + ": "))
                .map(line -> line.substring(key.length() + 2).trim())
                .findFirst()
                .orElseThrow();
    }
}
