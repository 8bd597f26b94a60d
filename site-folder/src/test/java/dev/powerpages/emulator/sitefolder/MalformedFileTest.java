package dev.powerpages.emulator.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A malformed file ends the read, naming the file and the line. */
class MalformedFileTest {

    private static final String WEBSITE = "adx_name: Site\nadx_websiteid: 5e000000-0000-4000-8000-000000000001\n";

    @Test
    void namesTheFileAndLineOfYamlThatDoesNotParse() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("malformed/yaml-error")))
                .isInstanceOf(SiteFolderException.class)
                .hasMessageStartingWith("web-pages/home/Home.webpage.yml:5: malformed YAML: ")
                .hasMessageContaining("while scanning a quoted scalar, from line 3")
                .satisfies(e -> assertThat(((SiteFolderException) e).source())
                        .isEqualTo(new SourceLocation(Path.of("web-pages/home/Home.webpage.yml"), 5)));
    }

    @Test
    void namesTheRowThatHasNoId() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("malformed/row-without-id")))
                .hasMessage("sitesetting.yml:4: the row has no adx_sitesettingid (every row needs its id)");
    }

    @Test
    void namesTheFileAndLineOfXmlThatDoesNotParse() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("malformed/xml-error")))
                .hasMessageStartingWith(
                        "powerpagecomponents/5a000000-0000-4000-8000-000000000001/powerpagecomponent.xml:4:"
                                + " malformed XML: ")
                .hasMessageContaining("\"name\"");
    }

    @Test
    void namesAComponentWhoseContentIsNotJson() {
        assertThatThrownBy(() -> SiteFolderReader.read(FixtureSites.path("malformed/content-not-json")))
                .hasMessageStartingWith(
                        "powerpagecomponents/5a000000-0000-4000-8000-000000000002/powerpagecomponent.xml:4:"
                                + " the content column is not a JSON object at line 1");
    }

    @Test
    void refusesARowWithTheSameColumnTwice(@TempDir Path site) throws IOException {
        Files.writeString(site.resolve("website.yml"), WEBSITE);
        Files.writeString(
                site.resolve("webrole.yml"),
                "- adx_name: Members\n  adx_webroleid: 3a000000-0000-4000-8000-000000000001\n"
                        + "  adx_name: Members again\n");
        assertThatThrownBy(() -> SiteFolderReader.read(site))
                .hasMessage("webrole.yml:3: column 'adx_name' appears twice in one row");
    }

    @Test
    void refusesAListOfValuesWhereRowsBelong(@TempDir Path site) throws IOException {
        Files.writeString(site.resolve("website.yml"), WEBSITE);
        Files.writeString(site.resolve("sitemarker.yml"), "- Home\n- About\n");
        assertThatThrownBy(() -> SiteFolderReader.read(site))
                .hasMessage("sitemarker.yml:1: expected a row (column: value lines), found the value 'Home'");
    }

    @Test
    void refusesASideFileThatIsNotUtf8Text(@TempDir Path site) throws IOException {
        Files.writeString(site.resolve("website.yml"), WEBSITE);
        Path folder = Files.createDirectories(site.resolve("web-templates/header"));
        Files.writeString(
                folder.resolve("Header.webtemplate.yml"),
                "adx_name: Header\nadx_webtemplateid: 4a000000-0000-4000-8000-000000000001\n");
        Files.write(folder.resolve("Header.webtemplate.source.html"), new byte[] {'<', 'p', '>', (byte) 0xE9, '<'});
        assertThatThrownBy(() -> SiteFolderReader.read(site))
                .hasMessage("web-templates/header/Header.webtemplate.source.html: not UTF-8 text, as pac writes it");
    }
}
