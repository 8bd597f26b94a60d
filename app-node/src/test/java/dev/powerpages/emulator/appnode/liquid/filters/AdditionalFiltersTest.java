package dev.powerpages.emulator.appnode.liquid.filters;

import static dev.powerpages.emulator.appnode.liquid.PowerPagesLiquid.render;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Power Pages' additional and list filters, and the number formats real sites use. */
class AdditionalFiltersTest {

    @Test
    void defaultReplacesNilOnly() {
        assertThat(
                        render(
                                "{{ snippets['Header'] | default: 'My Website' }}|[{{ '' | default: 'x' }}]|{{ false | default: true }}"))
                .isEqualTo("My Website|[]|false");
    }

    @Test
    void fileSizeUsesTheLargestUnit() {
        assertThat(
                        render(
                                "{{ 10000000 | file_size }}|{{ 2050 | file_size: 0 }}|{{ 212110 | file_size: 2 }}|{{ 512 | file_size }}"))
                .isEqualTo("9.5 MB|2 KB|207.14 KB|512 bytes");
    }

    @Test
    void hasRoleTellsWhetherTheUserHasTheWebRole() {
        Map<String, Object> user =
                Map.of("user", Map.of("fullname", "Yvonne", "roles", List.of("Administrators", "Authenticated Users")));
        assertThat(render(
                        "{% assign is_admin = user | has_role: 'Administrators' %}{% if is_admin %}User is an administrator.{% endif %}",
                        user))
                .isEqualTo("User is an administrator.");
        assertThat(render("{{ user | has_role: 'Editors' }}|{{ nobody | has_role: 'Administrators' }}", user))
                .isEqualTo("false|false");
    }

    @Test
    void liquidRendersTextAsLiquidWithTheRendersVariables() {
        assertThat(render(
                        "{% assign name = 'Dave' %}{{ page.adx_copy | liquid }}|{{ text | liquid }}",
                        Map.of("text", "Hi {{ name | upcase }}")))
                .isEqualTo("<p>Copy of Fuzz page</p>|Hi DAVE");
    }

    @Test
    void sortFiltersReadAndReverseSortExpressions() {
        assertThat(
                        render(
                                "{{ 'name ASC, createdon DESC' | current_sort: 'createdon' }}|{{ 'ASC' | reverse_sort }}|{{ 'desc' | reverse_sort }}"))
                .isEqualTo("DESC|DESC|ASC");
    }

    @Test
    void numberFormatsRealSitesUse() {
        assertThat(
                        render(
                                "{{ 1234.5 | decimals: 2 }}|{{ 1234.5 | max_decimals: 2 }}|{{ 3.125 | invariant_culture_decimal_value: 2 }}"))
                .isEqualTo("1,234.50|1,234.5|3.12");
    }
}
