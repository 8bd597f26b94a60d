package dev.powerpages.emulator.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder of the wrong kind: the reader names what it found and what it expected, and reads nothing. */
class WrongFolderTest {

    private static final String EXPECTED = "expected a folder written by `pac pages download`";

    @Test
    void namesACodeSitesSourceWithoutItsPowerPagesSiteFolder() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("wrong-kind/code-site-source")))
                .isInstanceOf(SiteFolderException.class)
                .hasMessageContaining("a Power Pages code site's source (package.json, src/) without .powerpages-site/")
                .hasMessageContaining(EXPECTED);
    }

    @Test
    void namesASolutionWithoutPowerPagesComponents() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("wrong-kind/solution-without-components")))
                .isInstanceOf(SiteFolderException.class)
                .hasMessageContaining("looks like a solution (Other/Solution.xml) without powerpagecomponents/")
                .hasMessageContaining(EXPECTED);
    }

    @Test
    void namesAFolderWithNoWebsiteRecord() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("wrong-kind/not-a-site")))
                .isInstanceOf(SiteFolderException.class)
                .hasMessageContaining(
                        "no website.yml, no .powerpages-site/, no powerpagecomponents/: no website record")
                .hasMessageContaining(EXPECTED)
                .extracting(e -> ((SiteFolderException) e).source())
                .isNull();
    }

    @Test
    void pointsAtTheSiteInsideAFolderThatHoldsOne() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("wrong-kind/parent-of-a-site")))
                .hasMessageContaining("no website.yml here, but contoso-site/ holds a site (point at that folder)");
    }

    @Test
    void namesPagesWithoutAWebsiteYml(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve("web-pages/home"));
        Files.writeString(folder.resolve("web-pages/home/Home.webpage.yml"), "adx_name: Home\n");
        assertThatThrownBy(() -> SiteFolderReader.read(folder))
                .hasMessageContaining("web-pages/ or web-templates/ without a website.yml: no website record");
    }

    @Test
    void namesACodeSiteWhosePowerPagesSiteFolderHasNoWebsite(@TempDir Path folder) throws IOException {
        Files.createDirectories(folder.resolve(".powerpages-site/web-pages"));
        assertThatThrownBy(() -> SiteFolderReader.read(folder))
                .hasMessageContaining("code site whose .powerpages-site/ has no website.yml: no website record");
    }

    @Test
    void refusesAFileOrAFolderThatIsNotThere(@TempDir Path folder) throws IOException {
        Path file = Files.writeString(folder.resolve("website.yml"), "adx_name: x\n");
        assertThatThrownBy(() -> SiteFolderReader.read(file)).hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> SiteFolderReader.read(folder.resolve("missing")))
                .hasMessageContaining("does not exist");
    }

    @Test
    void refusesAWebsiteYmlWithoutTheSitesId() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("malformed/website-without-id")))
                .isInstanceOf(SiteFolderException.class)
                .hasMessage("website.yml:1: website.yml has neither adx_websiteid (the standard data model's layout) "
                        + "nor id (the enhanced data model's): no website record");
    }

    @Test
    void refusesAnEmptyWebsiteYml(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("website.yml"), "");
        assertThatThrownBy(() -> SiteFolderReader.read(folder)).hasMessageContaining("website.yml is empty");
    }

    @Test
    void tellsEachLayoutByWhatItHolds() {
        assertThat(SiteFolderReader.layoutOf(FixtureSites.path("standard-full")))
                .isEqualTo(FolderLayout.STANDARD_YAML);
        assertThat(SiteFolderReader.layoutOf(FixtureSites.path("enhanced-yaml")))
                .isEqualTo(FolderLayout.ENHANCED_YAML);
        assertThat(SiteFolderReader.layoutOf(FixtureSites.path("solution-xml"))).isEqualTo(FolderLayout.SOLUTION_XML);
    }
}
