package dev.powerpages.emulator.store.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.store.MetadataStoreApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A malformed file stops the start-up, and the log's first ERROR line names the file and line. */
@ExtendWith(OutputCaptureExtension.class)
class SiteImportStartupTest {

    @Test
    void aMalformedFileStopsTheStartAndIsTheFirstErrorOfTheLog(@TempDir Path folder, CapturedOutput output)
            throws Exception {
        Files.writeString(
                folder.resolve("website.yml"),
                "adx_name: Broken\nadx_websiteid: 5e000000-0000-4000-8000-000000000001\n");
        Files.createDirectories(folder.resolve("web-pages/home"));
        Files.writeString(
                folder.resolve("web-pages/home/Home.webpage.yml"),
                "adx_name: \"Home\nadx_partialurl: /\nadx_webpageid: 5e000000-0000-4000-8000-000000000002\n");

        assertThatThrownBy(() -> new SpringApplicationBuilder(MetadataStoreApplication.class)
                        // command-line arguments, which win over application.yml as STORE_SITE_DIRECTORY does
                        .run(
                                "--store.in-memory=true",
                                "--server.port=0",
                                "--store.site.directory=" + folder,
                                "--store.site.watch=false")
                        .close())
                .hasCauseInstanceOf(SiteImportException.class);

        String firstError = output.getOut()
                .lines()
                .filter(line -> line.contains(" ERROR "))
                .findFirst()
                .orElseThrow();
        assertThat(firstError).contains("Cannot import the site folder " + folder, "web-pages/home/Home.webpage.yml:");
        assertThat(output.getOut()).contains("APPLICATION FAILED TO START", "nothing of the folder was imported");
    }
}
