package dev.powerpages.emulator.sitefolder;

import static dev.powerpages.emulator.sitefolder.EnhancedLayoutReadingTest.content;
import static dev.powerpages.emulator.sitefolder.Rows.id;
import static dev.powerpages.emulator.sitefolder.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unpacked solution's powerpagecomponents/ and Assets/, and that it holds the same rows as pac's enhanced YAML. */
class SolutionLayoutReadingTest {

    private static final Path SOLUTION = FixtureSites.path("solution-xml");
    private static SiteContent content;

    @BeforeAll
    static void read() {
        content = SiteFolderReader.read(SOLUTION);
    }

    @Test
    void readsEachComponentsColumnsWithLookupsAsIdsAndContentAsWritten() throws IOException {
        assertThat(content.layout()).isEqualTo(FolderLayout.SOLUTION_XML);
        SiteRecord contactNotes = row(content, "powerpagecomponent", id("aa", 2));
        assertThat(contactNotes.columns())
                .containsEntry("name", "Contact Notes")
                .containsEntry("powerpagecomponenttype", 18L)
                .containsEntry("powerpagesiteid", id("5e", 1))
                .containsEntry("statecode", 0L)
                .containsEntry("iscustomizable", 1L);
        String xml =
                Files.readString(SOLUTION.resolve("powerpagecomponents/" + id("aa", 2) + "/powerpagecomponent.xml"));
        String json = (String) contactNotes.columns().get("content");
        assertThat(json).startsWith("{\n  \"adx_entitypermission_webrole\": [\n");
        assertThat(xml).contains("<content>" + json + "</content>");
        assertThat(contactNotes.source())
                .isEqualTo(
                        new SourceLocation(Path.of("powerpagecomponents", id("aa", 2), "powerpagecomponent.xml"), 1));
    }

    @Test
    void readsAWebFilesBytesFromTheFileContentFolderBesideIt() throws IOException {
        SiteRecord logo = row(content, "powerpagecomponent", id("6a", 1));
        assertThat(logo.columns())
                .containsEntry("filecontent_name", "logo.png")
                .containsEntry("filecontent_mimetype", "image/png");
        assertThat((byte[]) logo.columns().get("filecontent"))
                .isEqualTo(Files.readAllBytes(
                        SOLUTION.resolve("powerpagecomponents/" + id("6a", 1) + "/filecontent/logo.png")));
    }

    /** The unpacked solution of Microsoft's Contoso Real Estate sample leaves its built bundle out of git. */
    @Test
    void importsAComponentWhoseFileIsLeftOutWithoutItsContentAndSaysSo(@TempDir Path solution) throws IOException {
        copy(SOLUTION, solution);
        Files.delete(solution.resolve("powerpagecomponents/" + id("6a", 4) + "/filecontent/site.js"));
        SiteContent read = SiteFolderReader.read(solution);
        assertThat(row(read, "powerpagecomponent", id("6a", 4)).columns())
                .doesNotContainKey("filecontent")
                .containsEntry("filecontent_name", "site.js");
        assertThat(read.notes()).anySatisfy(note -> {
            assertThat(note.kind()).isEqualTo(ImportNote.Kind.OTHER);
            assertThat(note.source().file().toString()).endsWith("powerpagecomponent.xml");
            assertThat(note.message()).contains("site.js is missing");
        });
    }

    @Test
    void readsTheSiteAndItsLanguagesFromAssets() {
        assertThat(row(content, "powerpagesite", id("5e", 1)).columns())
                .containsEntry("name", "Contoso Fixture")
                .containsEntry("datamodelversion", "2.0")
                .containsEntry("primarydomainname", "contoso-fixture.powerappsportals.com");
        assertThat(row(content, "powerpagesitelanguage", id("1a", 2)).columns())
                .containsEntry("languagecode", "ja-JP")
                .containsEntry("lcid", 1041L)
                .containsEntry("powerpagesiteid", id("5e", 1));
    }

    @Test
    void notesTheSolutionsOtherParts() {
        assertThat(content.notes())
                .extracting(note -> note.source().file().toString())
                .containsExactly("Other");
    }

    @Test
    void readsASolutionProjectFromTheSrcFolderInsideIt(@TempDir Path project) throws IOException {
        copy(SOLUTION, project.resolve("src"));
        Files.writeString(project.resolve("ContosoFixture.cdsproj"), "<Project />\n");
        SiteContent fromProject = SiteFolderReader.read(project);
        assertThat(fromProject.root())
                .isEqualTo(project.resolve("src").toAbsolutePath().normalize());
        assertThat(fromProject.records()).hasSameSizeAs(content.records());
    }

    /**
     * The same site as pac's enhanced YAML and as a solution: the same rows, except what only one of them records.
     * Only the solution has iscustomizable, searchcontent, the site's datamodelversion and domain, and an explicit
     * active state; only pac's YAML keeps the portal language's id and a web file's annotation-like keys. A text
     * column's value that YAML writes unquoted ({@code value: true}) reads as its YAML type, so values compare as
     * text.
     */
    @Test
    void holdsTheSameRowsAsTheEnhancedYamlOfTheSameSite() {
        Map<String, Map<String, String>> fromYaml =
                comparable(SiteFolderReader.read(FixtureSites.path("enhanced-yaml")));
        Map<String, Map<String, String>> fromSolution = comparable(content);
        assertThat(fromSolution.keySet()).isEqualTo(fromYaml.keySet());
        fromYaml.forEach(
                (key, columns) -> assertThat(fromSolution.get(key)).as(key).isEqualTo(columns));
    }

    private static final Set<String> ONLY_IN_ONE_LAYOUT = Set.of(
            "iscustomizable",
            "searchcontent",
            "datamodelversion",
            "primarydomainname",
            "content.portallanguageid",
            "content.annotationid",
            "content.isdocument",
            "content.objectid",
            "content.objecttypecode",
            "content.statecode",
            "content.statuscode");

    private static Map<String, Map<String, String>> comparable(SiteContent site) {
        return site.records().stream()
                .collect(Collectors.toMap(
                        row -> row.table() + " " + row.id(),
                        row -> {
                            Map<String, Object> columns = new LinkedHashMap<>(row.columns());
                            columns.putIfAbsent("statecode", 0L);
                            columns.putIfAbsent("statuscode", 1L);
                            Map<String, String> flat = new HashMap<>();
                            columns.forEach((column, value) -> {
                                if (column.equals("content")) {
                                    content(row)
                                            .forEach((key, item) -> flat.put("content." + key, String.valueOf(item)));
                                } else if (value instanceof byte[] bytes) {
                                    flat.put(column, java.util.HexFormat.of().formatHex(bytes));
                                } else if (value != null) {
                                    flat.put(column, String.valueOf(value));
                                }
                            });
                            flat.keySet().removeAll(ONLY_IN_ONE_LAYOUT);
                            return flat;
                        },
                        (a, b) -> a,
                        HashMap::new));
    }

    static void copy(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path entry : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(entry).toString());
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entry, target);
                }
            }
        }
    }

    static final Function<SiteRecord, String> KEY = row -> row.table() + " " + row.id();
}
