package dev.powerpages.emulator.store.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.powerpages.emulator.store.StoreClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A site folder (pac's standard layout) in place of the demo site: imported at start-up with its own ids, its edits
 * followed as diffs that an app node's delta link shows, a malformed edit kept out until fixed, and exported back.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"store.in-memory=true", "store.site.poll-interval=200ms", "store.site.debounce=100ms"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SiteFolderImportTest {

    static final String SITE = "8ef35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String HOME = "82f35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String ABOUT = "83f35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String OLD_HOME = "84f35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String ANONYMOUS = "a1f35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String AUTHENTICATED = "a2f35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String PERMISSION = "b1f35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String SETTING = "c1f35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String DEMO_HOME = "14000000-0000-4000-8000-000000000001";

    static Path folder;

    @DynamicPropertySource
    static void siteFolder(DynamicPropertyRegistry registry) throws IOException {
        folder = Files.createTempDirectory("site-import");
        write("website.yml", row("adx_name", "Contoso Construction", "adx_websiteid", SITE));
        write("web-pages/home/Home.webpage.yml", page(HOME, "Home", "/", null, "Welcome"));
        write("web-pages/about/About.webpage.yml", page(ABOUT, "About", "about", HOME, "About us"));
        Map<String, Object> oldHome = page(OLD_HOME, "Home", "home-old", null, "Old");
        oldHome.put("statecode", 1);
        oldHome.put("statuscode", 2);
        write("web-pages/home-deleted/Home.webpage.yml", oldHome);
        write(
                "webrole.yml",
                List.of(
                        row("adx_name", "Anonymous Users", "adx_anonymoususersrole", true, "adx_webroleid", ANONYMOUS),
                        row(
                                "adx_name",
                                "Authenticated Users",
                                "adx_authenticatedusersrole",
                                true,
                                "adx_webroleid",
                                AUTHENTICATED)));
        write(
                "table-permissions/Accounts.tablepermission.yml",
                row(
                        "adx_entityname",
                        "Accounts",
                        "adx_entitylogicalname",
                        "account",
                        "adx_entitypermission_webrole",
                        List.of(ANONYMOUS, AUTHENTICATED),
                        "adx_entitypermissionid",
                        PERMISSION,
                        "adx_read",
                        true,
                        "adx_scope",
                        756150000));
        write(
                "sitesetting.yml",
                List.of(row(
                        "adx_futurecolumn",
                        "kept",
                        "adx_name",
                        "Search/Enabled",
                        "adx_sitesettingid",
                        SETTING,
                        "adx_value",
                        true)));
        Files.writeString(folder.resolve("README.md"), "# Our site\n");
        registry.add("store.site.directory", folder::toString);
    }

    @LocalServerPort
    int port;

    StoreClient client;
    String token;

    @BeforeEach
    void connect() {
        client = new StoreClient(port);
        token = client.token();
    }

    @Test
    @Order(1)
    void theFolderIsTheSiteWithItsOwnIdsInPlaceOfTheDemoSite() {
        assertThat(ids(client.get("adx_websites?$select=adx_name", token).body(), "adx_websiteid"))
                .containsExactly(SITE);
        JsonNode pages = client.get(
                        "adx_webpages?$select=adx_name,statecode,_adx_websiteid_value,_adx_parentpageid_value&$orderby=adx_partialurl",
                        token)
                .body();
        assertThat(ids(pages, "adx_webpageid"))
                .containsExactlyInAnyOrder(HOME, ABOUT, OLD_HOME)
                .doesNotContain(DEMO_HOME);
        JsonNode about = row(pages, "adx_webpageid", ABOUT);
        assertThat(about.get("_adx_parentpageid_value").asString()).isEqualTo(HOME);
        assertThat(about.get("_adx_websiteid_value").asString()).isEqualTo(SITE);
        // a deactivated row is kept as Dataverse keeps it
        assertThat(row(pages, "adx_webpageid", OLD_HOME).get("statecode").asInt())
                .isEqualTo(1);
        // the demo's business rows stay: its users can still sign in
        assertThat(client.get("contacts?$filter=adx_identity_username eq 'yvonne'", token)
                        .body()
                        .get("value"))
                .hasSize(1);
        JsonNode roles = client.get(
                        "adx_entitypermissions(" + PERMISSION
                                + ")?$expand=adx_entitypermission_webrole($select=adx_name)",
                        token)
                .body()
                .get("adx_entitypermission_webrole");
        assertThat(roles).hasSize(2);
        assertThat(client.get("adx_sitesettings(" + SETTING + ")?$select=adx_value", token)
                        .body()
                        .get("adx_value")
                        .asString())
                .isEqualTo("true");
    }

    @Test
    @Order(2)
    void theReportListsRowsNotesAndColumnsOutsideTheSchemaBehindTheAdminKey() throws Exception {
        HttpResponse<String> unauthorized = site(null);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(json(unauthorized.body()).at("/error/code").asString()).isEqualTo("Unauthorized");

        JsonNode site = json(site("emulator-admin-key").body());
        assertThat(site.get("source").asString()).isEqualTo("folder");
        assertThat(site.get("directory").asString()).isEqualTo(folder.toString());
        assertThat(site.get("watching").asString()).contains("polling every 200 ms");
        assertThat(site.at("/report/rowsPerTable/adx_webpage").asInt()).isEqualTo(3);
        assertThat(site.at("/report/rowsPerTable/adx_webrole").asInt()).isEqualTo(2);
        assertThat(site.at("/report/columnsNotInSchema/adx_sitesetting.adx_futurecolumn")
                        .asInt())
                .isEqualTo(1);
        assertThat(site.at("/report/notes/0/kind").asString()).isEqualTo("NOT_SITE_FILE");
        assertThat(site.at("/report/notes/0/source").asString()).isEqualTo("README.md");
    }

    @Test
    @Order(3)
    void anEditUpdatesOnlyItsRowAndShowsInTheDeltaLink() throws Exception {
        String homeEtag = client.get("adx_webpages(" + HOME + ")?$select=adx_name", token)
                .body()
                .get("@odata.etag")
                .asString();
        String deltaLink = client.get("adx_webpages?$select=adx_title", token, "Prefer", "odata.track-changes")
                .body()
                .get("@odata.deltaLink")
                .asString();

        Instant saved = Instant.now();
        write("web-pages/about/About.webpage.yml", page(ABOUT, "About", "about", HOME, "About Contoso Construction"));
        awaitEdit("web-pages/about/About.webpage.yml", saved);

        JsonNode delta = client.follow(deltaLink, token).body();
        assertThat(ids(delta, "adx_webpageid")).containsExactly(ABOUT);
        assertThat(delta.at("/value/0/adx_title").asString()).isEqualTo("About Contoso Construction");
        assertThat(client.get("adx_webpages(" + HOME + ")?$select=adx_name", token)
                        .body()
                        .get("@odata.etag")
                        .asString())
                .isEqualTo(homeEtag);
        JsonNode lastEdit = json(site("emulator-admin-key").body()).get("lastEdit");
        assertThat(lastEdit.at("/changes/updated").asInt()).isEqualTo(1);
        assertThat(lastEdit.at("/changes/unchanged").asInt()).isGreaterThanOrEqualTo(6);
        assertThat(lastEdit.get("savedToCommittedMillis").asLong()).isBetween(0L, 3000L);

        // a new file is a new row; a file that goes is a deleted row, a tombstone in the delta
        String contact = "85f35c54-f355-ed11-9562-6045bd0ea8e5";
        saved = Instant.now();
        write("web-pages/contact/Contact.webpage.yml", page(contact, "Contact", "contact", HOME, "Contact us"));
        awaitEdit("web-pages/contact/Contact.webpage.yml", saved);
        saved = Instant.now();
        Files.delete(folder.resolve("web-pages/contact/Contact.webpage.yml"));
        awaitEdit("web-pages/contact/Contact.webpage.yml", saved);
        JsonNode next =
                client.follow(delta.get("@odata.deltaLink").asString(), token).body();
        assertThat(next.get("value")).anySatisfy(entry -> {
            assertThat(entry.get("id").asString()).isEqualTo(contact);
            assertThat(entry.get("reason").asString()).isEqualTo("deleted");
        });
    }

    @Test
    @Order(4)
    void aMalformedEditKeepsTheLastGoodSiteUntilTheFileIsFixed() throws Exception {
        Path home = folder.resolve("web-pages/home/Home.webpage.yml");
        Files.writeString(home, "adx_name: [Home\nadx_partialurl: /\nadx_webpageid: " + HOME + "\n");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> json(site("emulator-admin-key").body()).has("error"));
        JsonNode error = json(site("emulator-admin-key").body()).get("error");
        assertThat(error.get("file").asString()).isEqualTo("web-pages/home/Home.webpage.yml");
        assertThat(error.get("line").asInt()).isGreaterThan(0);
        assertThat(client.get("adx_webpages(" + HOME + ")?$select=adx_title", token)
                        .body()
                        .get("adx_title")
                        .asString())
                .isEqualTo("Welcome");

        write("web-pages/home/Home.webpage.yml", page(HOME, "Home", "/", null, "Welcome back"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !json(site("emulator-admin-key").body()).has("error"));
        assertThat(client.get("adx_webpages(" + HOME + ")?$select=adx_title", token)
                        .body()
                        .get("adx_title")
                        .asString())
                .isEqualTo("Welcome back");
    }

    @Test
    @Order(5)
    void theExportIsTheFolderAgain() throws Exception {
        HttpResponse<byte[]> export = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_services/site/export"))
                                .header("X-Admin-Key", "emulator-admin-key")
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValue("application/zip");
        Map<String, Object> exported = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(export.body()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                exported.put(entry.getName(), new Yaml().load(new String(zip.readAllBytes())));
            }
        }
        Map<String, Object> original = new TreeMap<>();
        try (var files = Files.walk(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).toList()) {
                original.put(folder.relativize(file).toString(), new Yaml().load(Files.readString(file)));
            }
        }
        assertThat(exported).isEqualTo(original);
    }

    /** Waits for the import of an edit of {@code file} made after {@code since}. */
    private void awaitEdit(String file, Instant since) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    JsonNode edit = json(site("emulator-admin-key").body()).get("lastEdit");
                    if (edit == null
                            || !Instant.parse(edit.get("committedAt").asString())
                                    .isAfter(since)) {
                        return false;
                    }
                    List<String> files = new ArrayList<>();
                    edit.get("files").forEach(f -> files.add(f.asString()));
                    return files.contains(file);
                });
    }

    private HttpResponse<String> site(String key) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_services/site"));
        if (key != null) {
            request.header("X-Admin-Key", key);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A web page's .webpage.yml, keys as pac sorts them. */
    private static Map<String, Object> page(String id, String name, String partialUrl, String parent, String title) {
        Map<String, Object> page = row("adx_name", name);
        if (parent != null) {
            page.put("adx_parentpageid", parent);
        }
        page.put("adx_partialurl", partialUrl);
        page.put("adx_title", title);
        page.put("adx_webpageid", id);
        return page;
    }

    private static Map<String, Object> row(Object... columns) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < columns.length; i += 2) {
            values.put((String) columns[i], columns[i + 1]);
        }
        return values;
    }

    private static void write(String file, Object document) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path target = folder.resolve(file);
        Files.createDirectories(target.getParent());
        Files.writeString(target, new Yaml(options).dump(document));
    }

    private static List<String> ids(JsonNode body, String key) {
        List<String> ids = new ArrayList<>();
        body.get("value").forEach(row -> {
            if (row.has(key)) {
                ids.add(row.get(key).asString());
            }
        });
        return ids;
    }

    private static JsonNode row(JsonNode body, String key, String id) {
        for (JsonNode row : body.get("value")) {
            if (id.equals(row.get(key).asString())) {
                return row;
            }
        }
        throw new AssertionError("No row " + id);
    }

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }
}
