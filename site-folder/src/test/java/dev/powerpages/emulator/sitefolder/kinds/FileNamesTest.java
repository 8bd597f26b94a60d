package dev.powerpages.emulator.sitefolder.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** pac's file and folder names, as downloaded sites show them. */
class FileNamesTest {

    @ParameterizedTest(name = "{0} → {1}, folder {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "Header/Search/ToolTip|Header-Search-ToolTip|header-search-tooltip",
                "Layout 2 Column Wide Left|Layout-2-Column-Wide-Left|layout-2-column-wide-left",
                "BLUE (1)|BLUE-(1)|blue-(1)",
                "theme.css|theme.css|theme.css",
                "Content Page 1-deleted|Content-Page-1-deleted|content-page-1-deleted",
                "feedback-anon-permissions_Attachment|feedback-anon-permissions_Attachment|feedback-anon-permissions_attachment",
                "お問い合わせ|お問い合わせ|お問い合わせ",
                "Faceted Search - Facets Template|Faceted-Search---Facets-Template|faceted-search---facets-template",
                "a:b*c?d|a-b-c-d|a-b-c-d"
            })
    void namesFilesAndFoldersAsPacDoes(String name, String file, String folder) {
        assertThat(FileNames.fileName(name)).isEqualTo(file);
        assertThat(FileNames.folderName(name)).isEqualTo(folder);
    }

    @ParameterizedTest(name = "{0} → {1} in the enhanced layout")
    @CsvSource(
            delimiter = '|',
            value = {
                "Projects - Authenticated Users|Projects-Authenticated-Users",
                "Header/Search/ToolTip|Header-Search-ToolTip"
            })
    void namesFilesWithOneHyphenForARunOfSeparatorsInTheEnhancedLayout(String name, String file) {
        assertThat(FileNames.fileName(name, true)).isEqualTo(file);
    }

    /** A weblink set named Default beside another Default was downloaded as Default_198BA1C7: CRC-32 of its id. */
    @ParameterizedTest
    @CsvSource({"02869abb-1106-4c0e-acfa-fae15966f7b5,_198BA1C7", "02869ABB-1106-4C0E-ACFA-FAE15966F7B5,_198BA1C7"})
    void distinguishesRowsOfTheSameNameByTheCrc32OfTheirId(String id, String suffix) {
        assertThat(FileNames.distinguisher(id)).isEqualTo(suffix);
    }
}
