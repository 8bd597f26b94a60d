package dev.powerpages.emulator.support.odata;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a script's {@code Prefer: odata.include-annotations} asks the store and the node for. */
class IncludeAnnotationsTest {

    private static final String FORMATTED_VALUE = "OData.Community.Display.V1.FormattedValue";
    private static final String LOOKUP_LOGICAL_NAME = "Microsoft.Dynamics.CRM.lookuplogicalname";

    @Test
    void aStarAsksForEveryAnnotationAndIsEchoedAsAsked() {
        IncludeAnnotations asked = IncludeAnnotations.of(List.of("odata.include-annotations=\"*\""));

        assertThat(asked.includes(FORMATTED_VALUE)).isTrue();
        assertThat(asked.includes(LOOKUP_LOGICAL_NAME)).isTrue();
        assertThat(asked.header()).isEqualTo("odata.include-annotations=\"*\"");
    }

    @Test
    void aQuotedCommaListIsOnePreferenceBesideTheHeadersOthers() {
        String header = "return=representation,odata.include-annotations=\"" + FORMATTED_VALUE
                + ",Microsoft.Dynamics.CRM.*\",odata.maxpagesize=10";

        assertThat(IncludeAnnotations.preferences(header)).hasSize(3);
        IncludeAnnotations asked = IncludeAnnotations.of(List.of(header));
        assertThat(asked.includes(FORMATTED_VALUE)).isTrue();
        assertThat(asked.includes(LOOKUP_LOGICAL_NAME))
                .as("the namespace wildcard")
                .isTrue();
        assertThat(asked.includes("Other.Namespace.Term")).isFalse();
    }

    @Test
    void anExclusionWinsOverAnInclusion() {
        IncludeAnnotations asked = IncludeAnnotations.parse("\"*,-Microsoft.Dynamics.CRM.*\"");

        assertThat(asked.includes(FORMATTED_VALUE)).isTrue();
        assertThat(asked.includes(LOOKUP_LOGICAL_NAME)).isFalse();
        assertThat(IncludeAnnotations.parse("\"-*\"").includes(FORMATTED_VALUE)).isFalse();
    }

    @Test
    void noPreferenceOrABlankOneAsksForNothing() {
        assertThat(IncludeAnnotations.of(List.of("return=representation")).requestedAny())
                .isFalse();
        assertThat(IncludeAnnotations.parse("  ").requestedAny()).isFalse();
        assertThat(IncludeAnnotations.preferences(null)).isEmpty();
    }
}
