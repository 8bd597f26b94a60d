package dev.powerpages.emulator.sitefolder;

import static dev.powerpages.emulator.sitefolder.Rows.id;
import static dev.powerpages.emulator.sitefolder.Rows.row;
import static dev.powerpages.emulator.sitefolder.Rows.rows;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.sitefolder.kinds.ContentJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The enhanced data model's YAML (short keys, a file per row) in a code site's {@code .powerpages-site/}: rows are
 * powerpagesite, powerpagesitelanguage and powerpagecomponent, with Dataverse's component type codes and the other
 * columns in the {@code content} JSON.
 */
class EnhancedLayoutReadingTest {

    private static final Path CODE_SITE = FixtureSites.path("enhanced-yaml");
    private static SiteContent content;

    @BeforeAll
    static void read() {
        content = SiteFolderReader.read(CODE_SITE);
    }

    @Test
    void readsACodeSiteFromItsPowerPagesSiteFolderAndNotesTheSourceAroundIt() {
        assertThat(content.layout()).isEqualTo(FolderLayout.ENHANCED_YAML);
        assertThat(content.dataModel()).isEqualTo(DataModel.ENHANCED);
        assertThat(content.root())
                .isEqualTo(
                        CODE_SITE.resolve(".powerpages-site").toAbsolutePath().normalize());
        assertThat(content.notes())
                .filteredOn(note -> note.kind() == ImportNote.Kind.NOT_SITE_FILE)
                .singleElement()
                .satisfies(note -> assertThat(note.message()).contains("code site"));
        assertThat(rows(content, "powerpagesite")).singleElement().satisfies(site -> {
            assertThat(site.id()).isEqualTo(id("5e", 1));
            assertThat(site.columns()).containsEntry("name", "Contoso Fixture");
            assertThat(content(site))
                    .containsEntry("defaultlanguage", id("1a", 1))
                    .containsEntry("website_language", 1033L)
                    .doesNotContainKeys("id", "name");
        });
    }

    @Test
    void readsAContentPageAsAWebPageComponentOfItsLanguageWithTheSideFilesInItsContent() {
        SiteRecord english = row(content, "powerpagecomponent", id("5a", 11));
        assertThat(english.columns())
                .containsEntry("name", "Home")
                .containsEntry("powerpagecomponenttype", 2L)
                .containsEntry("powerpagesiteid", id("5e", 1))
                .containsEntry("powerpagesitelanguageid", id("1a", 1));
        assertThat(content(english))
                .containsEntry("partialurl", "/")
                .containsEntry("rootwebpageid", id("5a", 1))
                .containsEntry("isroot", false)
                .containsEntry("copy", "<h2>Welcome</h2>\n")
                .containsEntry("summary", "<p>The home page.</p>")
                .containsEntry("customcss", ".hero { color: #0078d4; }\n")
                .containsEntry("customjavascript", "console.log('home');\n")
                .doesNotContainKeys("webpagelanguageid", "id", "name");
        SiteRecord root = row(content, "powerpagecomponent", id("5a", 1));
        assertThat(root.columns()).doesNotContainKey("powerpagesitelanguageid").containsEntry("filecontent", null);
    }

    @Test
    void keepsDeactivatedComponentsWithTheirState() {
        assertThat(row(content, "powerpagecomponent", id("5a", 51)).columns())
                .containsEntry("statecode", 1L)
                .containsEntry("statuscode", 2L);
    }

    @Test
    void aWebFilesContentIsTheComponentsFileColumn() throws IOException {
        SiteRecord logo = row(content, "powerpagecomponent", id("6a", 1));
        assertThat(logo.columns())
                .containsEntry("powerpagecomponenttype", 3L)
                .containsEntry("filecontent_name", "logo.png")
                .containsEntry("filecontent_mimetype", "image/png");
        assertThat((byte[]) logo.columns().get("filecontent"))
                .isEqualTo(Files.readAllBytes(CODE_SITE.resolve(".powerpages-site/web-files/logo.png/logo.png")));
        assertThat(content(logo))
                .containsEntry("partialurl", "logo.png")
                .containsEntry("parentpageid", id("5a", 1))
                .doesNotContainKeys("filename", "mimetype");
    }

    @Test
    void usesDataversesComponentTypeCodesForEveryKind() {
        assertThat(rows(content, "powerpagecomponent"))
                .extracting(row -> ((Long) row.columns().get("powerpagecomponenttype")).intValue())
                .containsOnly(
                        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 24, 26, 27, 28, 29, 30,
                        33);
        assertThat(row(content, "powerpagecomponent", id("7a", 2)).columns())
                .containsEntry("powerpagecomponenttype", 7L)
                .containsEntry("powerpagesitelanguageid", id("1a", 2));
        assertThat(content(row(content, "powerpagecomponent", id("7a", 2)))).containsEntry("value", "<p>© コントソ</p>");
        assertThat(content(row(content, "powerpagecomponent", id("4a", 2))))
                .containsEntry("source", "<footer>{% editable snippets 'Footer' type: 'html' %}</footer>\r\n");
        assertThat(content(row(content, "powerpagecomponent", id("8b", 3))))
                .containsEntry("parentweblinkid", id("8b", 2))
                .containsEntry("weblinksetid", id("8a", 1));
    }

    @Test
    void aTablePermissionIsNamedByItsEntityNameAndKeepsItsWebRolesInItsContent() {
        SiteRecord notes = row(content, "powerpagecomponent", id("aa", 2));
        assertThat(notes.columns()).containsEntry("name", "Contact Notes").containsEntry("powerpagecomponenttype", 18L);
        assertThat(content(notes))
                .containsEntry("entityname", "Contact Notes")
                .containsEntry("adx_entitypermission_webrole", List.of(id("3a", 2), id("3a", 3)))
                .containsEntry("scope", 756150003L);
    }

    @Test
    void siteLanguagesTakeTheirCodeFromThePortalConfig() {
        assertThat(row(content, "powerpagesitelanguage", id("1a", 2)).columns())
                .containsEntry("name", "Japanese")
                .containsEntry("languagecode", "ja-JP")
                .containsEntry("lcid", 1041L)
                .containsEntry("displayname", "日本語")
                .containsEntry("powerpagesiteid", id("5e", 1));
    }

    @Test
    void keepsTextValuesAsPacWroteThemUnquoted() {
        assertThat(content(row(content, "powerpagecomponent", id("9a", 2)))).containsEntry("value", "True");
        assertThat(content(row(content, "powerpagecomponent", id("9a", 6)))).containsEntry("value", "0012");
        assertThat(content(row(content, "powerpagecomponent", id("9a", 1)))).containsEntry("value", true);
    }

    @Test
    void notesKindsTheEnhancedModelHasNoComponentTypeFor() {
        assertThat(content.notes())
                .filteredOn(note -> note.kind() == ImportNote.Kind.UNUSED_KIND)
                .singleElement()
                .satisfies(note -> {
                    assertThat(note.source().file())
                            .isEqualTo(Path.of("polls/favourite-colour/Favourite-colour.poll.yml"));
                    assertThat(note.message()).contains("adx_poll");
                });
    }

    static Map<String, Object> content(SiteRecord row) {
        return ContentJson.read((String) row.columns().get("content"));
    }
}
