package dev.powerpages.emulator.appnode.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnsupportedLiquidTest {

    private final UnsupportedLiquid unsupported = new UnsupportedLiquid();

    @Test
    void writesACommentInTheFeaturesPlaceAndCountsUsesPerSite() {
        assertThat(unsupported.use("site-a", "tag powerbi"))
                .isEqualTo("<!-- Power Pages Stack Emulator: tag powerbi is not emulated -->");
        unsupported.use("site-a", "tag powerbi");
        unsupported.use("site-a", "filter translate");
        unsupported.use("site-b", "tag chart");

        assertThat(unsupported.uses("site-a"))
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("filter translate", 1L),
                        org.assertj.core.api.Assertions.entry("tag powerbi", 2L));
        assertThat(unsupported.uses("site-b")).containsOnlyKeys("tag chart");
        assertThat(unsupported.uses("site-c")).isEmpty();
    }

    @Test
    void aFeatureNameCannotCloseTheCommentOrInjectMarkup() {
        assertThat(unsupported.use("site-a", "tag x--><script>alert(1)</script>"))
                .isEqualTo(
                        "<!-- Power Pages Stack Emulator: tag x- -&gt;&lt;script&gt;alert(1)&lt;/script&gt; is not emulated -->");
    }
}
