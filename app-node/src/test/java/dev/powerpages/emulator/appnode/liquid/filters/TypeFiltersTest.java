package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power Pages' type filters, with the reference's examples. */
class TypeFiltersTest {

    @Test
    void booleanConvertsWordsAndGivesNilForTheRest() {
        assertThat(render(
                        "{{ true | boolean }}|{{ 'false' | boolean }}|{{ 'enabled' | boolean }}|{{ setting | boolean | default: false }}",
                        Map.of("setting", "maybe")))
                .isEqualTo("true|false|true|false");
        assertThat(
                        render(
                                "{{ 'On' | boolean }}|{{ 'no' | boolean }}|{{ ' TRUE ' | boolean }}|{% assign off = 'disabled' | boolean %}{% if off %}x{% endif %}"))
                .isEqualTo("true|false|true|");
    }

    @Test
    void decimalConvertsNumbersAndNumberText() {
        assertThat(
                        render(
                                "{{ 10.1 | decimal }}|{{ '3.14' | decimal }}|{{ 'text' | decimal | default: 3.14 }}|{{ '1,234.5' | decimal }}"))
                .isEqualTo("10.1|3.14|3.14|1234.5");
    }

    @Test
    void integerConvertsWholeNumbersOnly() {
        assertThat(
                        render(
                                "{{ 10 | integer }}|{{ '10' | integer }}|{{ '10.1' | integer }}|{{ 'text' | integer | default: 2 }}|{{ 10.6 | integer }}"))
                .isEqualTo("10|10||2|11");
        assertThat(render("{% assign page = '3' | integer %}{{ page | plus: 1 }}"))
                .isEqualTo("4");
    }

    @Test
    void stringWritesTheValueAsText() {
        assertThat(render("{{ 5 | string | append: 'x' }}|{{ true | string }}|[{{ nothing | string }}]"))
                .isEqualTo("5x|True|[]");
    }
}
