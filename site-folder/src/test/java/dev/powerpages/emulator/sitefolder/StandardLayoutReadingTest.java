package dev.powerpages.emulator.sitefolder;

import static dev.powerpages.emulator.sitefolder.Rows.id;
import static dev.powerpages.emulator.sitefolder.Rows.row;
import static dev.powerpages.emulator.sitefolder.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standard layout (adx_ YAML), file kind by file kind, on the fixture site that has every kind. */
class StandardLayoutReadingTest {

    private static final Path SITE = FixtureSites.path("standard-full");
    private static SiteContent content;

    @BeforeAll
    static void read() {
        content = SiteFolderReader.read(SITE);
    }

    @Test
    void readsTheWebsiteWithItsOwnIdsAndLookups() {
        assertThat(content.dataModel()).isEqualTo(DataModel.STANDARD);
        assertThat(content.layout()).isEqualTo(FolderLayout.STANDARD_YAML);
        SiteRecord website = row(content, "adx_website", id("5e", 1));
        assertThat(website.columns())
                .containsEntry("adx_name", "Contoso Fixture")
                .containsEntry("adx_defaultlanguage", id("1a", 1))
                .containsEntry("adx_headerwebtemplateid", id("4a", 1))
                .containsEntry("adx_website_language", 1033L);
        assertThat(website.source()).isEqualTo(new SourceLocation(Path.of("website.yml"), 1));
    }

    @Test
    void readsRootPagesAndTheirContentPagesPerLanguageWithSideFilesAsColumns() throws IOException {
        SiteRecord home = row(content, "adx_webpage", id("5a", 1));
        assertThat(home.columns())
                .containsEntry("adx_partialurl", "/")
                .containsEntry("adx_isroot", true)
                .doesNotContainKey("adx_copy");
        SiteRecord english = row(content, "adx_webpage", id("5a", 11));
        assertThat(english.columns())
                .containsEntry("adx_rootwebpageid", id("5a", 1))
                .containsEntry("adx_webpagelanguageid", id("1a", 1))
                .containsEntry("adx_copy", read("web-pages/home/content-pages/Home.en-US.webpage.copy.html"))
                .containsEntry("adx_summary", "<p>The home page.</p>")
                .containsEntry("adx_customcss", ".hero { color: #0078d4; }\n")
                .containsEntry(
                        "adx_customjavascript",
                        "document.addEventListener('DOMContentLoaded', function () { console.log('home'); });\n");
        SiteRecord japanese = row(content, "adx_webpage", id("5a", 12));
        assertThat(japanese.columns())
                .containsEntry("adx_webpagelanguageid", id("1a", 2))
                .containsEntry("adx_copy", "<h2>ようこそ</h2>\n")
                .doesNotContainKeys("adx_summary", "adx_customcss");
        assertThat(row(content, "adx_webpage", id("5a", 2)).columns())
                .containsEntry("adx_parentpageid", id("5a", 1))
                .containsEntry("adx_copy", "<p>About (root copy)</p>\n");
    }

    @Test
    void keepsTheActivePageWhereADeactivatedCopyRepeatsItsIdAndSaysSo() {
        SiteRecord news = row(content, "adx_webpage", id("5a", 4));
        assertThat(news.columns()).containsEntry("adx_name", "News").doesNotContainKey("statecode");
        assertThat(news.source().file()).isEqualTo(Path.of("web-pages/news/News.webpage.yml"));
        assertThat(rows(content, "adx_webpage"))
                .filteredOn(row -> row.id().equals(id("5a", 4)))
                .hasSize(1);
        assertThat(content.notes())
                .filteredOn(note -> note.kind() == ImportNote.Kind.DUPLICATE_ID)
                .extracting(note -> note.source().file())
                .containsExactlyInAnyOrder(
                        Path.of("web-pages/news-deleted/News-deleted.webpage.yml"),
                        Path.of("web-pages/news-deleted/content-pages/News-deleted.en-US.webpage.yml"));
        assertThat(content.notes())
                .filteredOn(note -> note.kind() == ImportNote.Kind.DUPLICATE_ID)
                .allSatisfy(note -> assertThat(note.message()).contains("the active one"));
    }

    @Test
    void readsAWebFileAsItsRowAndAnAnnotationWhoseBodyIsTheFileBesideIt() throws IOException {
        SiteRecord logo = row(content, "adx_webfile", id("6a", 1));
        assertThat(logo.columns())
                .containsEntry("adx_partialurl", "logo.png")
                .containsEntry("adx_parentpageid", id("5a", 1))
                .doesNotContainKeys("annotationid", "mimetype", "filename");
        SiteRecord note = row(content, "annotation", id("6b", 1));
        assertThat(note.columns())
                .containsEntry("objectid", id("6a", 1))
                .containsEntry("objecttypecode", "adx_webfile")
                .containsEntry("mimetype", "image/png")
                .containsEntry("filename", "logo.png")
                .containsEntry("isdocument", true);
        assertThat((byte[]) note.columns().get("documentbody"))
                .isEqualTo(Files.readAllBytes(SITE.resolve("web-files/logo.png")))
                .startsWith(0x89, 'P', 'N', 'G');
    }

    @Test
    void readsAWebFilesContentFileWhoseNameDiffersOnlyInCaseAsWindowsAndMacOsDo(@TempDir Path scratch) {
        SiteContent unusual = SiteFolderReader.read(UnusualWebFiles.folder(scratch));

        SiteRecord note = rows(unusual, "annotation").stream()
                .filter(row -> UnusualWebFiles.OTHER_CASE_WEB_FILE_ID.equals(
                        row.columns().get("objectid")))
                .findFirst()
                .orElseThrow();
        assertThat((byte[]) note.columns().get("documentbody")).isEqualTo(UnusualWebFiles.OTHER_CASE_CONTENT);
        assertThat(row(unusual, "adx_webfile", UnusualWebFiles.OTHER_CASE_WEB_FILE_ID)
                        .columns())
                .containsEntry(SiteRecord.CONTENT_FILE_NAME, "Other-Case.png");
        assertThat(unusual.notes())
                .extracting(ImportNote::message)
                .contains("its content file is Other-Case.png, not other-case.png: read as on Windows and macOS,"
                        + " whose file systems do not tell the two apart");
        assertThat(unusual.notes())
                .noneMatch(importNote -> importNote.source().file().equals(UnusualWebFiles.CONTENT_FILE_IN_OTHER_CASE));
    }

    @Test
    void keepsEveryWebFileRowThatClaimsTheSameUrl() {
        assertThat(rows(content, "adx_webfile"))
                .filteredOn(row -> "site.css".equals(row.columns().get("adx_partialurl")))
                .extracting(SiteRecord::id)
                .containsExactlyInAnyOrder(id("6a", 2), id("6a", 3));
    }

    @Test
    void readsTemplatesAndSnippetsWithTheirSourceAndValueFiles() {
        assertThat(row(content, "adx_webtemplate", id("4a", 2)).columns())
                .containsEntry("adx_name", "Footer")
                .containsEntry("adx_source", "<footer>{% editable snippets 'Footer' type: 'html' %}</footer>\r\n");
        assertThat(row(content, "adx_pagetemplate", id("4b", 1)).columns())
                .containsEntry("adx_webtemplateid", id("4a", 3))
                .containsEntry("adx_usewebsiteheaderandfooter", true);
        assertThat(row(content, "adx_contentsnippet", id("7a", 2)).columns())
                .containsEntry("adx_name", "Footer")
                .containsEntry("adx_contentsnippetlanguageid", id("1a", 2))
                .containsEntry("adx_display_name", "フッター")
                .containsEntry("adx_value", "<p>© コントソ</p>");
        assertThat(row(content, "adx_contentsnippet", id("7a", 3)).columns())
                .containsEntry("adx_name", "Header/Search/ToolTip")
                .containsEntry("adx_value", "Search");
    }

    @Test
    void readsEachLanguagesLinkSetWithItsNestedLinks() {
        assertThat(row(content, "adx_weblinkset", id("8a", 2)).columns())
                .containsEntry("adx_websitelanguageid", id("1a", 2));
        assertThat(rows(content, "adx_weblink")).hasSize(6);
        assertThat(row(content, "adx_weblink", id("8b", 3)).columns())
                .containsEntry("adx_parentweblinkid", id("8b", 2))
                .containsEntry("adx_pageid", id("5a", 2))
                .containsEntry("adx_weblinksetid", id("8a", 1));
        assertThat(row(content, "adx_weblink", id("8b", 5)).columns())
                .containsEntry("adx_externalurl", "https://partner.example/")
                .containsEntry("adx_openinnewwindow", true);
        assertThat(row(content, "adx_weblink", id("8b", 3)).source())
                .isEqualTo(new SourceLocation(
                        Path.of("weblink-sets/primary-navigation/Primary-Navigation.en-US.weblinkset.weblink.yml"),
                        22));
    }

    @Test
    void keepsManyToManyRelationshipsAsListsOfIdsUnderTheRelationshipsName() {
        assertThat(row(content, "adx_entitypermission", id("aa", 2)).columns())
                .containsEntry("adx_entitypermission_webrole", List.of(id("3a", 2), id("3a", 3)))
                .containsEntry("adx_parententitypermission", id("aa", 1));
        assertThat(row(content, "adx_websiteaccess", id("3b", 1)).columns())
                .containsEntry("adx_websiteaccess_webrole", List.of(id("3a", 3)));
        assertThat(row(content, "adx_websiteaccess", id("3b", 2)).columns())
                .containsEntry("adx_websiteaccess_webrole", List.of());
        assertThat(row(content, "adx_webpageaccesscontrolrule", id("9c", 2)).columns())
                .containsEntry("adx_webpageaccesscontrolrule_webrole", List.of(id("3a", 2), id("3a", 3)));
        assertThat(row(content, "adx_cloudflowconsumer", id("b9", 1)).columns())
                .containsEntry("adx_CloudFlowConsumer_adx_webrole", List.of(id("3a", 2)));
        assertThat(row(content, "adx_pollplacement", id("b5", 1)).columns())
                .containsEntry("adx_pollplacement_poll", List.of(id("b3", 1)));
        assertThat(row(content, "adx_adplacement", id("b7", 1)).columns())
                .containsEntry("adx_adplacement_ad", List.of(id("b6", 1)));
    }

    @Test
    void readsFormsAndListsWithTheirMetadataAndScripts() {
        assertThat(row(content, "adx_entityform", id("ab", 1)).columns())
                .containsEntry("adx_entityname", "contact")
                .containsEntry(
                        "adx_registerstartupscript",
                        "$(document).ready(function () {\n  $('#emailaddress1').attr('autocomplete', 'email');\n});\n");
        assertThat(row(content, "adx_entityformmetadata", id("ac", 1)).columns())
                .containsEntry("adx_entityform", id("ab", 1))
                // a folded block (as pac writes long text): its more-indented lines keep their line breaks
                .containsEntry("adx_label", "[\n\n  {\n\n    \"LCID\": 1033,\n\n    \"Value\": \"Email\"\n\n  }\n\n]");
        assertThat(row(content, "adx_webform", id("ad", 1)).columns()).containsEntry("adx_startstep", id("ae", 1));
        assertThat(row(content, "adx_webformstep", id("ae", 1)).columns())
                .containsEntry("adx_webform", id("ad", 1))
                .containsEntry("adx_nextstep", id("ae", 2))
                .containsEntry("adx_registerstartupscript", "console.log('applicant step');\n");
        assertThat(row(content, "adx_webformmetadata", id("af", 1)).columns())
                .containsEntry("adx_webformstep", id("ae", 1));
        assertThat(row(content, "adx_entitylist", id("b0", 1)).columns())
                .containsEntry("adx_name", "お知らせ一覧")
                .containsEntry("adx_registerstartupscript", "$('.entitylist').addClass('news');\n");
    }

    @Test
    void readsTheOtherKindsFromTheirFoldersAndRootLists() {
        assertThat(row(content, "adx_columnpermission", id("b2", 1)).columns())
                .containsEntry("adx_columnpermissionprofileid", id("b1", 1))
                .containsEntry("adx_permissions", List.of(746610000L, 746610001L));
        assertThat(row(content, "adx_columnpermissionprofile", id("b1", 1)).columns())
                .containsEntry("adx_profilename", "Contact Columns");
        assertThat(rows(content, "adx_polloption"))
                .extracting(row -> row.columns().get("adx_answer"))
                .containsExactly("Blue", "Green");
        assertThat(row(content, "adx_poll", id("b3", 1)).columns()).containsEntry("adx_closevotingdate", null);
        assertThat(row(content, "adx_ad", id("b6", 1)).columns()).containsEntry("adx_url", "~/about");
        assertThat(row(content, "adx_botconsumer", id("b8", 1)).columns())
                .containsEntry("adx_configjson", "{\"skillConfigViewName\":\"Contoso Fixture bot Answers\"}");
        assertThat(row(content, "adx_redirect", id("9d", 1)).columns()).containsEntry("adx_inboundurl", "old-about");
        assertThat(row(content, "adx_tag", id("ba", 1)).columns()).containsEntry("adx_name", "General");
        assertThat(row(content, "adx_sitemarker", id("9b", 2)).columns()).containsEntry("adx_pageid", id("5a", 2));
        assertThat(rows(content, "adx_publishingstate")).hasSize(2);
        assertThat(rows(content, "adx_webrole")).hasSize(3);
        assertThat(rows(content, "adx_websitelanguage"))
                .extracting(SiteRecord::id)
                .containsExactly(id("1a", 1), id("1a", 2));
    }

    @Test
    void keepsEachValueAsWrittenOnlyCanonicalTextBecomesABooleanOrANumber() {
        assertThat(row(content, "adx_sitesetting", id("9a", 1)).columns()).containsEntry("adx_value", true);
        assertThat(row(content, "adx_sitesetting", id("9a", 2)).columns()).containsEntry("adx_value", "True");
        assertThat(row(content, "adx_sitesetting", id("9a", 7)).columns()).containsEntry("adx_value", "0012");
        assertThat(row(content, "adx_sitesetting", id("9a", 8)).columns()).containsEntry("adx_value", "");
        assertThat(row(content, "adx_sitesetting", id("9a", 4)).columns()).doesNotContainKey("adx_value");
        assertThat(row(content, "adx_sitesetting", id("9a", 9)).columns())
                .containsEntry("adx_value", "2024-05-01T08:30:00.0000000Z");
        assertThat(row(content, "adx_sitesetting", id("9a", 3)).columns())
                .containsEntry(
                        "adx_description",
                        "A collection of search logical name filter options.\n\n"
                                + "Name/value pairs, separated by a semicolon: \"Pages:adx_webpage;Files:adx_webfile\".");
        assertThat(row(content, "adx_urlhistory", id("bb", 1)).columns())
                .containsEntry("adx_changeddate", "2024-03-02T10:15:00.0000000Z")
                .containsEntry("timezoneruleversionnumber", 4L);
        assertThat(row(content, "adx_webfile", id("6a", 3)).columns())
                .containsEntry("statecode", 0L)
                .containsEntry("adx_displayorder", 2L);
    }

    @Test
    void readsThePortalConfigsLanguagesAndBindingButNotPacsManifests() {
        assertThat(row(content, "adx_portallanguage", id("1b", 2)).columns())
                .containsEntry("adx_languagecode", "ja-JP")
                .containsEntry("adx_lcid", 1041L)
                .containsEntry("adx_displayname", "日本語");
        assertThat(row(content, "adx_websitebinding", id("1c", 1)).columns())
                .containsEntry("adx_name", "Binding: contoso-fixture.powerappsportals.com");
        assertThat(content.notes())
                .filteredOn(note -> note.kind() == ImportNote.Kind.OTHER)
                .extracting(note -> note.source().file().toString())
                .contains(".portalconfig/manifest.yml", ".portalconfig/contoso.crm.example-manifest.yml");
    }

    @Test
    void notesEachFileOrFolderThatIsNotTheSitesOnce() {
        assertThat(content.notes())
                .filteredOn(note -> note.kind() == ImportNote.Kind.NOT_SITE_FILE)
                .extracting(note -> note.source().file().toString(), ImportNote::message)
                .containsExactlyInAnyOrder(
                        tuple("README.md", "not part of the site"),
                        tuple("package.json", "not part of the site"),
                        tuple("coverage", "not part of the site (a folder of 1 file)"));
        assertThat(content.notes())
                .filteredOn(note -> note.kind() == ImportNote.Kind.UNUSED_KIND)
                .extracting(note -> note.source().file().toString())
                .containsExactly("web-pages/home/content-pages/Home.en-US.webpage.custom_javascript.ts");
    }

    @Test
    void notesRowsOfAKindItDoesNotReadApartFromFilesThatAreNotTheSites(@TempDir Path site) throws IOException {
        Files.writeString(site.resolve("website.yml"), "adx_name: Site\nadx_websiteid: " + id("5e", 1) + "\n");
        Files.writeString(site.resolve("shortcut.yml"), "- adx_name: Help\n  adx_shortcutid: " + id("5f", 1) + "\n");
        Files.writeString(site.resolve("azure-pipelines.yml"), "trigger:\n- main\n");
        SiteContent read = SiteFolderReader.read(site);
        assertThat(read.notes())
                .extracting(note -> note.source().file().toString(), ImportNote::kind)
                .containsExactlyInAnyOrder(
                        tuple("shortcut.yml", ImportNote.Kind.UNUSED_KIND),
                        tuple("azure-pipelines.yml", ImportNote.Kind.NOT_SITE_FILE));
    }

    @Test
    void readsRowsWhoseNamesAndFoldersAreInAnyScript() {
        SiteRecord contact = row(content, "adx_webpage", id("5a", 31));
        assertThat(contact.columns())
                .containsEntry("adx_name", "お問い合わせ")
                .containsEntry("adx_copy", "{% entityform name: 'Contact us' %}\n");
        assertThat(contact.source().file())
                .isEqualTo(Path.of("web-pages/お問い合わせ/content-pages/お問い合わせ.ja-JP.webpage.yml"));
    }

    @Test
    void readsEveryRowOfTheFixtureOnceAndOnlyTheSitesFiles() {
        assertThat(content.records()).hasSize(83);
        assertThat(content.records())
                .extracting(row -> row.table() + " " + row.id())
                .doesNotHaveDuplicates();
        assertThat(content.root()).isEqualTo(SITE.toAbsolutePath().normalize());
    }

    private static String read(String file) throws IOException {
        return Files.readString(SITE.resolve(file));
    }
}
