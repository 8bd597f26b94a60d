package dev.powerpages.emulator.store.site;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits of a folder are reported once per burst, by file system events or, where none arrive, by comparing files. */
class FolderWatcherTest {

    @TempDir
    Path folder;

    final List<FolderWatcher.Change> changes = new CopyOnWriteArrayList<>();
    FolderWatcher watcher;

    @AfterEach
    void stop() {
        watcher.close();
    }

    @Test
    void aBurstOfWritesIsReportedOnceWithAllItsFiles() throws IOException {
        Files.createDirectories(folder.resolve("web-templates/header"));
        watch(true, Duration.ofSeconds(5));

        for (int i = 0; i < 5; i++) {
            Files.writeString(folder.resolve("web-templates/header/part" + i + ".html"), "<p>" + i + "</p>");
        }

        await().atMost(Duration.ofSeconds(5)).until(() -> !changes.isEmpty());
        quiet();
        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).files())
                .containsExactly(
                        "web-templates/header/part0.html",
                        "web-templates/header/part1.html",
                        "web-templates/header/part2.html",
                        "web-templates/header/part3.html",
                        "web-templates/header/part4.html");
    }

    @Test
    void withoutEventsTheFilesAreComparedAndTheSaveTimeIsTheFiles() throws IOException {
        Path page = Files.writeString(folder.resolve("Home.webpage.yml"), "adx_name: Home\n");
        watch(false, Duration.ofMillis(100));

        Instant before = Instant.now().minusSeconds(1);
        Files.writeString(page, "adx_name: Home page\n");

        await().atMost(Duration.ofSeconds(5)).until(() -> !changes.isEmpty());
        assertThat(changes.get(0).files()).containsExactly("Home.webpage.yml");
        assertThat(changes.get(0).savedAt())
                .isAfter(before)
                .isBefore(Instant.now().plusSeconds(1));
        assertThat(watcher.mode()).startsWith("polling");
    }

    @Test
    void aNewFolderAndADeletedFileAreChangesTooButGitsOwnFilesAreNot() throws IOException {
        Path gone = Files.writeString(folder.resolve("old.yml"), "x: 1\n");
        Files.createDirectories(folder.resolve(".git"));
        watch(true, Duration.ofSeconds(5));

        Files.writeString(folder.resolve(".git/index"), "not the site");
        quiet();
        assertThat(changes).isEmpty();

        Files.delete(gone);
        Files.createDirectories(folder.resolve("content-snippets/footer"));
        Files.writeString(
                folder.resolve("content-snippets/footer/Footer.en-US.contentsnippet.yml"), "adx_name: Footer\n");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> changes.stream()
                        .anyMatch(c -> c.files().contains("content-snippets/footer/Footer.en-US.contentsnippet.yml")));
        assertThat(changes.stream().flatMap(c -> c.files().stream())).contains("old.yml");
    }

    private void watch(boolean events, Duration pollInterval) {
        watcher = new FolderWatcher(folder, pollInterval, Duration.ofMillis(100), events, changes::add);
        watcher.start();
    }

    /** Long enough for a second report of the same burst, were there one. */
    private static void quiet() {
        try {
            Thread.sleep(600);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
