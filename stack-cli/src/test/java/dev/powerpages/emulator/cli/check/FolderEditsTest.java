package dev.powerpages.emulator.cli.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.cli.FakeStack;
import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.site.StoreSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderEditsTest {

    private final FakeStack store = new FakeStack();

    @AfterEach
    void close() {
        store.close();
    }

    private static String site(Instant importedAt, String error) {
        return "{\"source\":\"folder\",\"directory\":\"/x\"," + (error == null ? "" : error + ",")
                + "\"report\":{\"layout\":\"STANDARD_YAML\",\"importedAt\":\"" + importedAt
                + "\",\"rowsPerTable\":{},\"notes\":[]}}";
    }

    @Test
    void waitsUntilTheStoreHasImportedAnEditSavedJustBeforeTheCheck(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("website.yml"), "adx_name: x\n");
        Instant saved = Files.getLastModifiedTime(folder.resolve("website.yml")).toInstant();
        AtomicInteger asked = new AtomicInteger();
        store.answer(
                "/_services/site",
                () -> FakeStack.response(
                        200,
                        "application/json",
                        site(asked.incrementAndGet() < 3 ? saved.minusSeconds(60) : saved.plusMillis(300), null)));
        StoreSite storeSite = new StoreSite(new Http(), store.url(), "k");

        StoreSite.Status status =
                FolderEdits.awaitImported(storeSite, storeSite.status(), folder, Duration.ofSeconds(10));

        assertThat(status.changedAt()).isAfter(saved);
        assertThat(asked.get()).isEqualTo(3);
    }

    @Test
    void aMalformedEditRefusedSinceTheSaveEndsTheWait(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("website.yml"), "adx_name: [\n");
        Instant saved = Files.getLastModifiedTime(folder.resolve("website.yml")).toInstant();
        store.json(
                "/_services/site",
                site(
                        saved.minusSeconds(60),
                        "\"error\":{\"file\":\"website.yml\",\"line\":1,\"message\":\"malformed YAML\",\"since\":\""
                                + saved.plusMillis(200) + "\"}"));
        StoreSite storeSite = new StoreSite(new Http(), store.url(), "k");
        long started = System.nanoTime();

        StoreSite.Status status =
                FolderEdits.awaitImported(storeSite, storeSite.status(), folder, Duration.ofSeconds(10));

        assertThat(status.error().where()).isEqualTo("website.yml:1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
