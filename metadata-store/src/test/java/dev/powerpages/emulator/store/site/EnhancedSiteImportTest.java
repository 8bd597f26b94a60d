package dev.powerpages.emulator.store.site;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.FolderLayout;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A site of the enhanced data model: its powerpagesite, powerpagesitelanguage and powerpagecomponent rows, read as
 * Power Pages reads them through the mspp_ tables, its component associations in the mspp_ relationships, and an
 * edit of one component changing one mspp_ row.
 */
class EnhancedSiteImportTest extends SiteImportTestSupport {

    static final String SITE = "e0000000-0000-4000-8000-000000000001";
    static final String LANGUAGE = "e0000000-0000-4000-8000-000000000002";
    static final String HOME = "e0000000-0000-4000-8000-000000000010";
    static final String ABOUT = "e0000000-0000-4000-8000-000000000011";
    static final String ROLE = "e0000000-0000-4000-8000-000000000020";
    static final String PERMISSION = "e0000000-0000-4000-8000-000000000021";

    @Test
    void componentsAreReadThroughTheMsppTablesAndAnEditChangesOneRow() {
        importer.importSite(content("About us"), "enhanced", SiteImporter.Mode.STARTUP);

        JsonNode pages = client.get(
                        "mspp_webpages?$select=mspp_name,mspp_partialurl,_mspp_parentpageid_value,_mspp_websiteid_value"
                                + "&$orderby=mspp_partialurl",
                        token)
                .body()
                .get("value");
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).get("mspp_partialurl").asString()).isEqualTo("/");
        assertThat(pages.get(1).get("_mspp_parentpageid_value").asString()).isEqualTo(HOME);
        assertThat(pages.get(1).get("_mspp_websiteid_value").asString()).isEqualTo(SITE);
        assertThat(client.get(
                                "mspp_entitypermissions(" + PERMISSION
                                        + ")?$expand=mspp_entitypermission_webrole($select=mspp_name)",
                                token)
                        .body()
                        .at("/mspp_entitypermission_webrole/0/mspp_name")
                        .asString())
                .isEqualTo("Authenticated Users");
        // the demo's standard-model site made way for this one
        assertThat(client.get("adx_websites", token).body().get("value")).isEmpty();

        String homeEtag = client.get("mspp_webpages(" + HOME + ")", token)
                .body()
                .get("@odata.etag")
                .asString();
        String deltaLink = client.get("mspp_webpages?$select=mspp_title", token, "Prefer", "odata.track-changes")
                .body()
                .get("@odata.deltaLink")
                .asString();
        ImportReport edit = importer.importSite(content("About Contoso"), "enhanced", SiteImporter.Mode.EDIT);

        assertThat(edit.changes().updated()).isEqualTo(1);
        JsonNode delta = client.follow(deltaLink, token).body().get("value");
        assertThat(delta).hasSize(1);
        assertThat(delta.get(0).get("mspp_webpageid").asString()).isEqualTo(ABOUT);
        assertThat(delta.get(0).get("mspp_title").asString()).isEqualTo("About Contoso");
        assertThat(client.get("mspp_webpages(" + HOME + ")", token)
                        .body()
                        .get("@odata.etag")
                        .asString())
                .isEqualTo(homeEtag);
    }

    private static SiteContent content(String aboutTitle) {
        return new SiteContent(
                DataModel.ENHANCED,
                FolderLayout.ENHANCED_YAML,
                Path.of("enhanced"),
                List.of(
                        record("powerpagesite", SITE, "website.yml", "name", "Enhanced", "datamodelversion", "2"),
                        record(
                                "powerpagesitelanguage",
                                LANGUAGE,
                                "websitelanguage.yml",
                                "name",
                                "English",
                                "languagecode",
                                "en-US",
                                "lcid",
                                1033L),
                        component(
                                HOME,
                                2L,
                                "Home",
                                "{\"partialurl\":\"/\",\"title\":\"Home\"}",
                                "web-pages/home/Home.webpage.yml"),
                        component(
                                ABOUT,
                                2L,
                                "About",
                                "{\"partialurl\":\"about\",\"parentpageid\":\"" + HOME + "\",\"title\":\"" + aboutTitle
                                        + "\"}",
                                "web-pages/about/About.webpage.yml"),
                        component(ROLE, 11L, "Authenticated Users", "{\"authenticatedusersrole\":true}", "webrole.yml"),
                        withLinks(
                                component(
                                        PERMISSION,
                                        18L,
                                        "Accounts",
                                        "{\"entitylogicalname\":\"account\",\"read\":true}",
                                        "table-permissions/Accounts.tablepermission.yml"),
                                List.of(ROLE))),
                List.of());
    }

    private static SiteRecord component(String id, long type, String name, String content, String file) {
        return record(
                "powerpagecomponent",
                id,
                file,
                "name",
                name,
                "powerpagecomponenttype",
                type,
                "content",
                content,
                "powerpagesitelanguageid",
                LANGUAGE);
    }

    private static SiteRecord withLinks(SiteRecord record, List<String> related) {
        Map<String, Object> columns = new LinkedHashMap<>(record.columns());
        columns.put("powerpagecomponent_powerpagecomponent", related);
        return new SiteRecord(record.table(), record.id(), columns, record.source());
    }

    private static SiteRecord record(String table, String id, String file, Object... columns) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i + 1 < columns.length; i += 2) {
            values.put((String) columns[i], columns[i + 1]);
        }
        return new SiteRecord(table, id, values, new SourceLocation(Path.of(file), 1));
    }
}
