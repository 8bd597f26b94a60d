package dev.powerpages.emulator.cli.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.cli.Zips;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteExportTest {

    @Test
    void writesTheSiteInItsFoldersWithUtf8NamesAndCountsThemByTopLevel(@TempDir Path parent) {
        Path folder = parent.resolve("export");
        byte[] zip = Zips.of(
                "website.yml",
                "adx_name: Contoso\n",
                "web-pages/home/Home.webpage.yml",
                "adx_name: Home\n",
                "web-pages/お問い合わせ/お問い合わせ.webpage.yml",
                "adx_name: お問い合わせ\n",
                "web-files/site.css",
                "body{}");

        SiteExport.Written written = SiteExport.unzip(zip, folder, false);

        assertThat(written.files()).isEqualTo(4);
        assertThat(written.byTopLevel())
                .containsEntry("web-pages/", 2)
                .containsEntry("website.yml", 1)
                .containsEntry("web-files/", 1);
        assertThat(folder.resolve("web-pages/お問い合わせ/お問い合わせ.webpage.yml")).hasContent("adx_name: お問い合わせ\n");
    }

    @Test
    void refusesAnEntryThatWouldLandOutsideTheFolder(@TempDir Path parent) {
        byte[] zip = Zips.of("../escaped.txt", "x");

        assertThatThrownBy(() -> SiteExport.unzip(zip, parent.resolve("export"), false))
                .hasMessageContaining("outside its folder");
        assertThat(parent.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void anEmptyExistingFolderIsFine(@TempDir Path folder) throws Exception {
        SiteExport.unzip(Zips.of("website.yml", "x"), folder, false);

        assertThat(Files.readString(folder.resolve("website.yml"))).isEqualTo("x");
    }
}
