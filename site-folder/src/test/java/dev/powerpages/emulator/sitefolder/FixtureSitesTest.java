package dev.powerpages.emulator.sitefolder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FixtureSitesTest {

    @Test
    void findsAFixtureSiteFolderOnDisk() {
        assertThat(FixtureSites.path("standard-full").resolve("website.yml")).isRegularFile();
        assertThat(FixtureSites.path("enhanced-yaml").resolve(".powerpages-site/website.yml"))
                .isRegularFile();
        assertThat(FixtureSites.path("wrong-kind/code-site-source").resolve("package.json"))
                .isRegularFile();
    }

    @Test
    void namesTheFixtureItCannotFind() {
        assertThatThrownBy(() -> FixtureSites.path("no-such-site"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no fixture site 'no-such-site'");
    }
}
