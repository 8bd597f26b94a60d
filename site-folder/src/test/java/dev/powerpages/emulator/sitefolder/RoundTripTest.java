package dev.powerpages.emulator.sitefolder;

import static dev.powerpages.emulator.sitefolder.Rows.id;
import static dev.powerpages.emulator.sitefolder.Rows.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.sitefolder.kinds.ContentJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Folder → rows → folder gives the same files, and rows → folder → rows the same rows, in all three layouts; rows
 * that have no file yet get the names pac would give them.
 */
class RoundTripTest {

    @Test
    void writesAStandardFolderBackToTheSameFilesLessTheDroppedCopyOfARepeatedId(@TempDir Path target) {
        assertThat(RoundTrip.differences(FixtureSites.path("standard-full"), target))
                .containsExactlyInAnyOrder(
                        "not written: web-pages/news-deleted/News-deleted.webpage.yml",
                        "not written: web-pages/news-deleted/content-pages/News-deleted.en-US.webpage.yml",
                        "not written: web-pages/news-deleted/content-pages/News-deleted.en-US.webpage.copy.html");
        assertThat(FolderComparison.files(target))
                .noneMatch(file -> file.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void unusualWebFilesAreWrittenBackWithTheContentFileTheyHadOrNone(@TempDir Path scratch) throws IOException {
        Path folder = UnusualWebFiles.folder(scratch);
        Path target = Files.createDirectories(scratch.resolve("written"));

        assertThat(RoundTrip.differences(folder, target))
                .containsExactlyInAnyOrder(
                        "not written: web-pages/news-deleted/News-deleted.webpage.yml",
                        "not written: web-pages/news-deleted/content-pages/News-deleted.en-US.webpage.yml",
                        "not written: web-pages/news-deleted/content-pages/News-deleted.en-US.webpage.copy.html");
        assertThat(target.resolve(UnusualWebFiles.NO_FILE)).doesNotExist();
        assertThat(target.resolve(UnusualWebFiles.EMPTY_FILE)).isEmptyFile();
        assertThat(target.resolve(UnusualWebFiles.NOTE_WITHOUT_FILE)).doesNotExist();
        assertThat(target.resolve(UnusualWebFiles.CONTENT_FILE_IN_OTHER_CASE))
                .hasBinaryContent(UnusualWebFiles.OTHER_CASE_CONTENT);
        assertThat(target.resolve("web-files/other-case.png")).doesNotExist();
        assertThat(Files.readString(target.resolve(UnusualWebFiles.NO_FILE + ".webfile.yml")))
                .doesNotContain(SiteRecord.FOLDER_FACT);
    }

    @Test
    void writesAnEnhancedCodeSiteBackToTheSameFiles(@TempDir Path target) {
        assertThat(RoundTrip.differences(FixtureSites.path("enhanced-yaml"), target))
                .isEmpty();
    }

    @Test
    void writesASolutionBackToTheSameFiles(@TempDir Path target) {
        assertThat(RoundTrip.differences(FixtureSites.path("solution-xml"), target))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard-full", "enhanced-yaml", "solution-xml"})
    void readingWhatWasWrittenGivesTheSameRows(String fixture, @TempDir Path target) {
        SiteContent read = SiteFolderReader.read(FixtureSites.path(fixture));
        SiteFolderWriter.write(read, target);
        SiteContent again = SiteFolderReader.read(target);
        assertThat(again.layout()).isEqualTo(read.layout());
        assertThat(comparable(again)).isEqualTo(comparable(read));
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard-full", "enhanced-yaml"})
    void rowsWithoutAFileGetTheFilesPacWouldGiveThem(String fixture, @TempDir Path target) {
        SiteContent read = SiteFolderReader.read(FixtureSites.path(fixture));
        SiteFolderWriter.write(withoutSources(read, read.records()), target);
        Set<Path> expected = FolderComparison.files(read.root());
        expected.removeAll(RoundTrip.notRows(read));
        expected.removeIf(file -> file.startsWith("web-pages/news-deleted"));
        assertThat(FolderComparison.files(target)).isEqualTo(expected);
    }

    @Test
    void placesRowsCreatedThroughTheWebApiWherePacWouldPutThem(@TempDir Path target) throws IOException {
        SiteContent read = SiteFolderReader.read(FixtureSites.path("standard-full"));
        List<SiteRecord> rows = new ArrayList<>(read.records());
        rows.add(new SiteRecord(
                "adx_webpage",
                id("5a", 9),
                Map.of(
                        "adx_webpageid",
                        id("5a", 9),
                        "adx_name",
                        "Careers",
                        "adx_partialurl",
                        "careers",
                        "adx_parentpageid",
                        id("5a", 1),
                        "adx_isroot",
                        true),
                null));
        rows.add(new SiteRecord(
                "adx_webpage",
                id("5a", 91),
                Map.of(
                        "adx_webpageid",
                        id("5a", 91),
                        "adx_name",
                        "Careers",
                        "adx_rootwebpageid",
                        id("5a", 9),
                        "adx_webpagelanguageid",
                        id("1a", 1),
                        "adx_copy",
                        "<p>Join us</p>"),
                null));
        rows.add(new SiteRecord(
                "adx_weblink",
                id("8b", 9),
                Map.of(
                        "adx_weblinkid",
                        id("8b", 9),
                        "adx_name",
                        "Careers",
                        "adx_weblinksetid",
                        id("8a", 1),
                        "adx_pageid",
                        id("5a", 9)),
                null));
        rows.add(new SiteRecord(
                "adx_contentsnippet",
                id("7a", 9),
                Map.of("adx_contentsnippetid", id("7a", 9), "adx_name", "Footer", "adx_value", "<p>(any language)</p>"),
                null));
        rows.add(new SiteRecord(
                "adx_webfile",
                id("6a", 9),
                Map.of("adx_webfileid", id("6a", 9), "adx_name", "logo.png", "adx_partialurl", "logo.png"),
                null));
        rows.add(new SiteRecord(
                "annotation",
                id("6b", 9),
                Map.of(
                        "annotationid",
                        id("6b", 9),
                        "objectid",
                        id("6a", 9),
                        "objecttypecode",
                        "adx_webfile",
                        "filename",
                        "logo.png",
                        "mimetype",
                        "image/png",
                        "documentbody",
                        new byte[] {1, 2, 3}),
                null));
        SiteFolderWriter.write(new SiteContent(read.dataModel(), read.layout(), read.root(), rows, List.of()), target);

        assertThat(target.resolve("web-pages/careers/Careers.webpage.yml")).exists();
        assertThat(target.resolve("web-pages/careers/content-pages/Careers.en-US.webpage.copy.html"))
                .hasContent("<p>Join us</p>");
        assertThat(Files.readString(target.resolve(
                        "weblink-sets/primary-navigation/Primary-Navigation.en-US.weblinkset.weblink.yml")))
                .contains("adx_name: Careers");
        // a snippet without a language is another row than the language versions in footer/: pac's suffix
        assertThat(target.resolve("content-snippets/footer_7a70d934/Footer_7A70D934.contentsnippet.value.html"))
                .hasContent("<p>(any language)</p>");
        // a second logo.png: pac's suffix before the extension
        assertThat(target.resolve("web-files/logo_ef000da1.png")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(Files.readString(target.resolve("web-files/logo_ef000da1.png.webfile.yml"), StandardCharsets.UTF_8))
                .startsWith("adx_name: logo.png\n")
                .contains("annotationid: " + id("6b", 9));

        SiteContent again = SiteFolderReader.read(target);
        assertThat(row(again, "adx_webpage", id("5a", 91)).columns()).containsEntry("adx_copy", "<p>Join us</p>");
        assertThat(row(again, "adx_weblink", id("8b", 9)).columns()).containsEntry("adx_pageid", id("5a", 9));
    }

    @Test
    void writesAnEnhancedSiteIntoACodeSitesPowerPagesSiteFolder(@TempDir Path codeSite) throws IOException {
        Files.createDirectories(codeSite.resolve(".powerpages-site"));
        SiteFolderWriter.write(SiteFolderReader.read(FixtureSites.path("enhanced-yaml")), codeSite);
        assertThat(codeSite.resolve(".powerpages-site/website.yml")).exists();
        assertThat(codeSite.resolve("website.yml")).doesNotExist();
    }

    @Test
    void refusesToWriteOneDataModelsRowsInTheOthersLayout(@TempDir Path target) {
        SiteContent standard = SiteFolderReader.read(FixtureSites.path("standard-full"));
        SiteContent mislabelled = new SiteContent(
                DataModel.STANDARD, FolderLayout.SOLUTION_XML, standard.root(), standard.records(), List.of());
        assertThatThrownBy(() -> SiteFolderWriter.write(mislabelled, target))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("STANDARD data model cannot be written in the SOLUTION_XML layout");
    }

    private static SiteContent withoutSources(SiteContent content, List<SiteRecord> rows) {
        return new SiteContent(
                content.dataModel(),
                content.layout(),
                content.root(),
                rows.stream()
                        .map(row -> new SiteRecord(row.table(), row.id(), row.columns(), null))
                        .toList(),
                content.notes());
    }

    /** Rows as comparable values: bytes as hex, content JSON as the object it holds. */
    static Map<String, Map<String, Object>> comparable(SiteContent content) {
        return content.records().stream()
                .collect(Collectors.toMap(
                        row -> row.table() + " " + row.id(),
                        row -> {
                            Map<String, Object> columns = new TreeMap<>();
                            row.columns()
                                    .forEach((column, value) -> columns.put(
                                            column,
                                            value instanceof byte[] bytes
                                                    ? HexFormat.of().formatHex(bytes)
                                                    : column.equals("content") && value != null
                                                            ? new LinkedHashMap<>(ContentJson.read(value.toString()))
                                                            : value));
                            return columns;
                        },
                        (a, b) -> a,
                        TreeMap::new));
    }
}
