package dev.powerpages.emulator.store.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.sitefolder.DataModel;
import dev.powerpages.emulator.sitefolder.FolderLayout;
import dev.powerpages.emulator.sitefolder.SiteContent;
import dev.powerpages.emulator.sitefolder.SiteFolderException;
import dev.powerpages.emulator.sitefolder.SiteRecord;
import dev.powerpages.emulator.sitefolder.SourceLocation;
import dev.powerpages.emulator.store.schema.ManyToManyDefinition;
import dev.powerpages.emulator.store.schema.SchemaLoader;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A site folder's records as store rows and back: what the import writes and what the export gives again. */
class SiteRowsTest {

    static final String SITE = "8ef35c54-f355-ed11-9562-6045bd0ea8e5";
    static final String HOME = "82f35c54-f355-ed11-9562-6045bd0ea8e5";
    static StoreSchema schema;

    @BeforeAll
    static void schema() throws Exception {
        try (InputStream yaml = SiteRowsTest.class.getResourceAsStream("/schema/tables.yaml")) {
            schema = new SchemaLoader().load(yaml);
        }
    }

    @Test
    void aRowKeepsItsIdsAndGetsTheWebsiteItsFileLeavesOut() {
        SiteRows.Plan plan = SiteRows.plan(content(website(), home(Map.of())), schema);

        SiteRows.Desired page = row(plan, "adx_webpage");
        assertThat(page.id()).isEqualTo(UUID.fromString(HOME));
        assertThat(page.values())
                .containsEntry("adx_partialurl", "/")
                .containsEntry("adx_displayorder", 2)
                .containsEntry("adx_hiddenfromsitemap", false)
                .containsEntry("adx_websiteid", UUID.fromString(SITE))
                .containsEntry("statecode", 0)
                .containsEntry("statuscode", 1)
                .containsEntry("adx_summary", null);
        assertThat(plan.rowsPerTable()).containsEntry("adx_webpage", 1).containsEntry("adx_website", 1);
    }

    @Test
    void theExportWritesBackWhatTheFileHadAndNotTheFilledWebsite() {
        SiteRecord home = home(Map.of("statecode", 1L, "statuscode", 2L));
        SiteRows.Desired page = row(SiteRows.plan(content(website(), home), schema), "adx_webpage");

        SiteRecord exported = SiteRows.record(page.table(), stored(page), page.entry(), Map.of(), List.of());

        assertThat(exported.columns()).isEqualTo(home.columns());
        assertThat(exported.id()).isEqualTo(HOME);
        assertThat(exported.source()).isEqualTo(new SourceLocation(Path.of("web-pages/home/Home.webpage.yml"), 0));
    }

    @Test
    void valuesWhoseFormAColumnWouldChangeComeBackAsWritten() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("adx_sitesettingid", "9DF35C54-F355-ED11-9562-6045BD0EA8E5"); // capitals, as some tools write
        columns.put("adx_name", "Search/Enabled");
        columns.put("adx_value", true); // a boolean in a text column
        columns.put("importsequencenumber", 3L);
        columns.put("adx_futurecolumn", new BigDecimal("1.50"));
        SiteRecord setting = new SiteRecord(
                "adx_sitesetting",
                "9DF35C54-F355-ED11-9562-6045BD0EA8E5",
                columns,
                new SourceLocation(Path.of("sitesetting.yml"), 4));
        SiteRows.Plan plan = SiteRows.plan(content(website(), setting), schema);
        SiteRows.Desired row = row(plan, "adx_sitesetting");

        assertThat(row.values()).containsEntry("adx_value", "true").containsEntry("importsequencenumber", 3);
        assertThat(plan.columnsNotInSchema()).containsEntry("adx_sitesetting.adx_futurecolumn", 1);
        SiteRecord exported = SiteRows.record(row.table(), stored(row), row.entry(), Map.of(), List.of());
        assertThat(exported.columns()).isEqualTo(columns);
        assertThat(exported.id()).isEqualTo("9DF35C54-F355-ED11-9562-6045BD0EA8E5");
    }

    @Test
    void aWebFilesBytesAndAPermissionsRolesComeBack() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("annotationid", "1ddf3f6e-8acf-b044-bc5f-97dcf56dd13c");
        note.put("documentbody", png);
        note.put("filename", "logo.png");
        SiteRecord annotation = new SiteRecord("annotation", "1ddf3f6e-8acf-b044-bc5f-97dcf56dd13c", note, null);
        Map<String, Object> permission = new LinkedHashMap<>();
        permission.put("adx_entitypermissionid", "11111111-2222-4333-8444-555555555555");
        permission.put("adx_entitylogicalname", "account");
        permission.put("adx_entitypermission_webrole", List.of("22000000-0000-4000-8000-000000000001"));
        SiteRecord tablePermission =
                new SiteRecord("adx_entitypermission", "11111111-2222-4333-8444-555555555555", permission, null);
        SiteRows.Plan plan = SiteRows.plan(content(website(), annotation, tablePermission), schema);

        SiteRows.Desired file = row(plan, "annotation");
        assertThat(file.values().get("documentbody")).isEqualTo("iVBORw==");
        assertThat(SiteRows.record(file.table(), stored(file), file.entry(), Map.of(), List.of())
                        .columns()
                        .get("documentbody"))
                .isEqualTo(png);

        SiteRows.Desired roles = row(plan, "adx_entitypermission");
        ManyToManyDefinition relationship = schema.manyToMany().stream()
                .filter(r -> r.name().equals("adx_entitypermission_webrole"))
                .findFirst()
                .orElseThrow();
        assertThat(roles.links())
                .containsEntry(relationship, List.of(UUID.fromString("22000000-0000-4000-8000-000000000001")));
        assertThat(roles.values()).doesNotContainKey("adx_entitypermission_webrole");
    }

    @Test
    void anEmptyStringInALookupNumberOrDateIsNoValueAndComesBackAsWritten() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("adx_displayorder", "");
        columns.put("adx_parentpageid", " ");
        columns.put("adx_releasedate", "");
        SiteRecord page = home(columns);
        SiteRows.Desired row = row(SiteRows.plan(content(website(), page), schema), "adx_webpage");

        assertThat(row.values())
                .containsEntry("adx_displayorder", null)
                .containsEntry("adx_parentpageid", null)
                .containsEntry("adx_releasedate", null);
        SiteRecord exported = SiteRows.record(row.table(), stored(row), row.entry(), Map.of(), List.of());
        assertThat(exported.columns()).isEqualTo(page.columns());
    }

    @Test
    void aValueThatDoesNotFitItsColumnNamesTheFileAndLine() {
        SiteRecord page = home(Map.of("adx_displayorder", "second"));

        assertThatThrownBy(() -> SiteRows.plan(content(website(), page), schema))
                .isInstanceOf(SiteFolderException.class)
                .hasMessageContaining("web-pages/home/Home.webpage.yml:3")
                .hasMessageContaining("adx_webpage.adx_displayorder is 'second', not a whole number");
    }

    @Test
    void aDeactivatedCopyOfAnActiveRowGivesWayAndIsNoted() {
        SiteRecord deleted = new SiteRecord(
                "adx_webpage",
                HOME,
                Map.of("adx_name", "Old home", "statecode", 1L, "statuscode", 2L),
                new SourceLocation(Path.of("web-pages/home-deleted/Home.webpage.yml"), 1));
        SiteRows.Plan plan = SiteRows.plan(content(website(), deleted, home(Map.of())), schema);

        assertThat(row(plan, "adx_webpage").values()).containsEntry("adx_name", "Home");
        assertThat(plan.notes())
                .singleElement()
                .satisfies(note -> assertThat(note.message()).contains(HOME, "active"));
        assertThat(plan.rowsPerTable()).containsEntry("adx_webpage", 1);
    }

    @Test
    void aTableTheSchemaLacksIsKeptAsWritten() {
        SiteRecord record = new SiteRecord(
                "adx_forum",
                "0b2a3c1d-0000-4000-8000-000000000001",
                Map.of("adx_name", "General"),
                new SourceLocation(Path.of("forums/general.yml"), 1));
        SiteRows.Plan plan = SiteRows.plan(content(website(), record), schema);

        assertThat(plan.tablesNotInSchema()).containsEntry("adx_forum", 1);
        SiteRecord kept = SiteRows.record(plan.unknownTableRows().get(0));
        assertThat(kept.table()).isEqualTo("adx_forum");
        assertThat(kept.id()).isEqualTo(record.id());
        assertThat(kept.columns()).isEqualTo(record.columns());
        assertThat(kept.source().file()).isEqualTo(Path.of("forums/general.yml"));
    }

    private static SiteRows.Desired row(SiteRows.Plan plan, String table) {
        return plan.rows().stream()
                .filter(r -> r.table().logicalName().equals(table))
                .findFirst()
                .orElseThrow();
    }

    /** The row as the store reads it back: the values, the key and the columns the store keeps. */
    private static Map<String, Object> stored(SiteRows.Desired row) {
        TableDefinition table = row.table();
        Map<String, Object> stored = new LinkedHashMap<>(row.values());
        stored.put(table.primaryId(), row.id());
        stored.put("versionnumber", 1000L);
        return stored;
    }

    static SiteRecord website() {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("adx_name", "Contoso Construction");
        columns.put("adx_websiteid", SITE);
        return new SiteRecord("adx_website", SITE, columns, new SourceLocation(Path.of("website.yml"), 1));
    }

    static SiteRecord home(Map<String, Object> more) {
        Map<String, Object> columns = new LinkedHashMap<>();
        columns.put("adx_displayorder", 2L);
        columns.put("adx_hiddenfromsitemap", false);
        columns.put("adx_name", "Home");
        columns.put("adx_partialurl", "/");
        columns.put("adx_webpageid", HOME);
        columns.putAll(more);
        return new SiteRecord(
                "adx_webpage", HOME, columns, new SourceLocation(Path.of("web-pages/home/Home.webpage.yml"), 3));
    }

    static SiteContent content(SiteRecord... records) {
        return new SiteContent(
                DataModel.STANDARD, FolderLayout.STANDARD_YAML, Path.of("site"), List.of(records), List.of());
    }
}
