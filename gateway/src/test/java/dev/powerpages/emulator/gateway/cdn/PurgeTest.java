package dev.powerpages.emulator.gateway.cdn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.server.ResponseStatusException;

class PurgeTest {

    @Test
    void aFullPathPurgesThatPathOnly() {
        var matcher = Purge.matcher(List.of("/css/site.css"));
        assertThat(matcher.test("/css/site.css")).isTrue();
        assertThat(matcher.test("/css/site.css2")).isFalse();
        assertThat(matcher.test("/css/other.css")).isFalse();
    }

    @Test
    void aWildcardPurgesEverythingUnderItsFolderAndSlashStarPurgesAll() {
        var folder = Purge.matcher(List.of("/css/*"));
        assertThat(folder.test("/css/site.css")).isTrue();
        assertThat(folder.test("/css/deep/a.css")).isTrue();
        assertThat(folder.test("/cssx/a.css")).isFalse();
        assertThat(Purge.matcher(List.of("/*")).test("/anything/at/all")).isTrue();
    }

    @Test
    void pathsMustBeAbsoluteWithTheWildcardLast() {
        for (List<String> bad : List.of(List.<String>of(), List.of("css/site.css"), List.of("/c*ss/a"))) {
            assertThatThrownBy(() -> Purge.matcher(bad)).isInstanceOf(ResponseStatusException.class);
        }
    }
}
