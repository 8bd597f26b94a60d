package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

class CdnSettingsStoreTest {

    @TempDir
    Path directory;

    private final JsonMapper jsonMapper = JsonMapper.builder().build();

    private CdnProperties properties(Path file) {
        return new CdnProperties(
                false,
                CachingRule.PowerPages,
                QueryStringCachingBehavior.UseQueryString,
                file,
                List.of("css", "js"),
                List.of(".AspNet.ApplicationCookie"),
                100,
                DataSize.ofMegabytes(1),
                DataSize.ofKilobytes(100),
                Duration.ZERO,
                Duration.ZERO,
                Duration.ofHours(1),
                true,
                new CdnProperties.Compression(
                        true, DataSize.ofKilobytes(1), DataSize.ofMegabytes(8), List.of("text/*")),
                new CdnProperties.SiteSettings(
                        false, null, "contoso", "id", "secret", Duration.ofMinutes(5), Duration.ofSeconds(1)));
    }

    private CdnSettings patch(CdnSettingsStore store, String json) {
        return store.patch(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void isOffUntilSwitchedOnAndTheSwitchSurvivesARestart() {
        Path file = directory.resolve("nested/cdn-settings.json");
        CdnSettingsStore store = new CdnSettingsStore(properties(file), jsonMapper);
        assertThat(store.current().enabled()).isFalse();

        patch(store, "{\"enabled\":true,\"cachingRule\":\"FrontDoorRoute\",\"fileExtensions\":[\".CSS\",\"woff2\"]}");

        CdnSettingsStore restarted = new CdnSettingsStore(properties(file), jsonMapper);
        assertThat(restarted.current().enabled()).isTrue();
        assertThat(restarted.current().cachingRule()).isEqualTo(CachingRule.FrontDoorRoute);
        assertThat(restarted.current().fileExtensions()).containsExactly("css", "woff2");
    }

    @Test
    void aMergePatchChangesOnlyWhatItNamesAndNullRestoresTheDefault() {
        CdnSettingsStore store = new CdnSettingsStore(properties(directory.resolve("s.json")), jsonMapper);
        patch(store, "{\"enabled\":true,\"queryStringCachingBehavior\":\"IgnoreQueryString\"}");

        CdnSettings changed = patch(store, "{\"queryStringCachingBehavior\":null}");

        assertThat(changed.enabled()).isTrue();
        assertThat(changed.queryStringCachingBehavior()).isEqualTo(QueryStringCachingBehavior.UseQueryString);
    }

    @Test
    void badPatchesAreRejectedAndChangeNothing() {
        Path file = directory.resolve("s.json");
        CdnSettingsStore store = new CdnSettingsStore(properties(file), jsonMapper);
        for (String bad : List.of(
                "{\"cachingRule\":\"Sometimes\"}",
                "{\"unknown\":1}",
                "[]",
                "{",
                "{\"queryStringCachingBehavior\":\"IgnoreSpecifiedQueryStrings\"}")) {
            assertThatThrownBy(() -> patch(store, bad))
                    .isInstanceOf(ResponseStatusException.class)
                    .hasMessageContaining("400");
        }
        assertThat(store.current().enabled()).isFalse();
        assertThat(Files.exists(file)).isFalse();
    }
}
