package dev.powerpages.emulator.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file name the platform's charset cannot encode (a Japanese page name read under {@code LANG=C}, whose charset is
 * ASCII) ends the read with a {@link SiteFolderException} naming the file, never an {@code InvalidPathException}
 * that crashes the store. The locale is the JVM's from its start, so the read runs in a JVM started under
 * {@code LC_ALL=C} ({@link ReadInAnotherJvm}).
 */
class UnencodableFileNameTest {

    @Test
    void aJapaneseFileNameUnderAnAsciiLocaleIsAFolderErrorNamingTheFile(@TempDir Path site) throws Exception {
        write(site.resolve("website.yml"), "adx_name: Site\nadx_websiteid: 5e000000-0000-4000-8000-000000000001\n");
        write(site.resolve("web-pages/contact/お問い合わせ.webpage.yml"), """
                adx_name: お問い合わせ
                adx_partialurl: contact
                adx_webpageid: 5e000000-0000-4000-8000-000000000002
                adx_websiteid: 5e000000-0000-4000-8000-000000000001
                """);
        write(site.resolve("web-pages/contact/お問い合わせ.webpage.copy.html"), "<p>連絡先</p>");

        ProcessBuilder asciiLocale = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        ReadInAnotherJvm.class.getName(),
                        site.toString())
                .redirectErrorStream(true);
        asciiLocale.environment().keySet().removeIf(name -> name.startsWith("LC_"));
        asciiLocale.environment().put("LANG", "C");
        asciiLocale.environment().put("LC_ALL", "C");
        Process read = asciiLocale.start();
        String output = new String(read.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(read.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assumeFalse(output.contains("charset UTF-8"), "this machine's C locale encodes file names in UTF-8");

        assertThat(output)
                .contains("SiteFolderException")
                .contains("web-pages/contact/")
                .contains(".webpage.yml: the file name cannot be read under the platform's charset for file names")
                .contains("LANG=C.UTF-8")
                .doesNotContain("InvalidPathException:");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
