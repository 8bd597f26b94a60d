package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power Pages' math filters, with the reference's examples ({@code entityview.page} is 11 there). */
class MathFiltersTest {

    private static final Map<String, Object> PAGE = Map.of("page_number", 11L);

    @Test
    void chainsFromLeftToRight() {
        assertThat(render("{{ 10 | times: 2 | minus: 5 | divided_by: 3 }}|{{ 2 | times: 2 | minus: 1 }}"))
                .isEqualTo("5|3");
    }

    @Test
    void wholeNumbersStayWholeAndDecimalsStayDecimal() {
        assertThat(render("{{ page_number | minus: 1 }}|{{ 10 | minus: 1.1 }}|{{ 10.1 | minus: 1 }}", PAGE))
                .isEqualTo("10|9|9.1");
        assertThat(render("{{ page_number | plus: 1 }}|{{ 10 | plus: 1.1 }}|{{ 10.1 | plus: 1 }}", PAGE))
                .isEqualTo("12|11|11.1");
        assertThat(render("{{ 10 | times: 2 }}|{{ 10 | times: 2.2 }}|{{ 10.1 | times: 2 }}"))
                .isEqualTo("20|20|20.2");
        assertThat(render("{{ 10 | divided_by: 2 }}|{{ 10 | divided_by: 3 }}|{{ 10.0 | divided_by: 3 }}"))
                .isEqualTo("5|3|3.33333333333333");
        assertThat(render("{{ 12 | modulo: 5 }}|{{ -7 | divided_by: 2 }}|{{ -7 | modulo: 2 }}"))
                .isEqualTo("2|-3|-1");
    }

    @Test
    void ceilFloorAndRoundGiveWholeNumbersOrTheDecimalsAskedFor() {
        assertThat(render("{{ 4.6 | ceil }}|{{ 4.3 | ceil }}|{{ 4.6 | floor }}|{{ 4.3 | floor }}"))
                .isEqualTo("5|5|4|4");
        assertThat(render("{{ 4.6 | round }}|{{ 4.3 | round }}|{{ 4.5612 | round: 2 }}"))
                .isEqualTo("5|4|4.56");
        // .NET's Math.Round rounds halves to even.
        assertThat(render("{{ 2.5 | round }}|{{ 3.5 | round }}")).isEqualTo("2|4");
    }

    @Test
    void plusAppendsToTextAsDotLiquidDoesAndTheOthersReadNumbersInText() {
        assertThat(render("{{ '1' | plus: 1 }}|{{ '10' | minus: 1 }}|{{ '2.5' | times: 2 }}"))
                .isEqualTo("11|9|5");
    }

    @Test
    void nilStaysNilAndNonNumbersAreATemplateError() {
        assertThat(render("[{{ nothing | plus: 1 }}][{{ 5 | minus: nothing }}][{{ nothing | ceil }}]"))
                .isEqualTo("[][][0]");
        assertThat(catchThrowable(() -> render("{{ 'abc' | minus: 1 }}"))).hasMessageContaining("minus needs numbers");
        assertThat(catchThrowable(() -> render("{{ 1 | divided_by: 0 }}"))).hasMessageContaining("divided by 0");
    }
}
