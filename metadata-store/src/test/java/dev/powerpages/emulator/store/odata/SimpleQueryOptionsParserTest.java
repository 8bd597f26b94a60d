package dev.powerpages.emulator.store.odata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.store.odata.FilterExpression.And;
import dev.powerpages.emulator.store.odata.FilterExpression.Comparison;
import dev.powerpages.emulator.store.odata.FilterExpression.ComparisonOperator;
import dev.powerpages.emulator.store.odata.FilterExpression.Not;
import dev.powerpages.emulator.store.odata.FilterExpression.Or;
import dev.powerpages.emulator.store.odata.FilterExpression.StringMatch;
import dev.powerpages.emulator.store.schema.SchemaLoader;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SimpleQueryOptionsParserTest {

    static TableDefinition webpage;
    static TableDefinition account;
    final QueryOptionsParser parser = new SimpleQueryOptionsParser();

    @BeforeAll
    static void loadSchema() throws Exception {
        try (InputStream yaml = SimpleQueryOptionsParserTest.class.getResourceAsStream("/schema/tables.yaml")) {
            StoreSchema schema = new SchemaLoader().load(yaml);
            webpage = schema.requireTable("adx_webpage");
            account = schema.requireTable("account");
        }
    }

    private FilterExpression filter(TableDefinition table, String filter) {
        return parser.parse(table, Map.of("$filter", filter)).filter();
    }

    @Test
    void resolvesLookupValuePropertiesToTheirColumnAndGuidLiterals() {
        Comparison comparison =
                (Comparison) filter(webpage, "_adx_websiteid_value eq 10000000-0000-4000-8000-000000000001");

        assertThat(comparison.column().name()).isEqualTo("adx_websiteid");
        assertThat(comparison.operator()).isEqualTo(ComparisonOperator.EQ);
        assertThat(comparison.value()).isEqualTo(UUID.fromString("10000000-0000-4000-8000-000000000001"));
    }

    @Test
    void andBindsTighterThanOrAndParenthesesOverrideIt() {
        assertThat(filter(account, "name eq 'a' or name eq 'b' and revenue gt 5"))
                .isInstanceOf(Or.class);
        assertThat(filter(account, "(name eq 'a' or name eq 'b') and revenue gt 5"))
                .isInstanceOf(And.class);
        assertThat(filter(account, "not (name eq 'a')")).isInstanceOf(Not.class);
    }

    @Test
    void typesLiteralsByTheirColumn() {
        assertThat(((Comparison) filter(account, "revenue ge 1000.50")).value()).isEqualTo(new BigDecimal("1000.50"));
        assertThat(((Comparison) filter(account, "numberofemployees lt 10")).value())
                .isEqualTo(10L);
        assertThat(((Comparison) filter(webpage, "adx_hiddenfromsitemap eq false")).value())
                .isEqualTo(false);
        assertThat(((Comparison) filter(account, "createdon gt 2024-01-31T12:00:00Z")).value())
                .isEqualTo(OffsetDateTime.parse("2024-01-31T12:00:00Z"));
        assertThat(((Comparison) filter(account, "name eq 'O''Neil & Sons'")).value())
                .isEqualTo("O'Neil & Sons");
        assertThat(((Comparison) filter(account, "name ne null")).value()).isNull();
    }

    @Test
    void putsThePropertyFirstWhenTheLiteralComesFirst() {
        Comparison comparison = (Comparison) filter(account, "100 lt revenue");

        assertThat(comparison.column().name()).isEqualTo("revenue");
        assertThat(comparison.operator()).isEqualTo(ComparisonOperator.GT);
    }

    @Test
    void understandsStringFunctions() {
        StringMatch match = (StringMatch) filter(account, "contains(name,'coffee')");

        assertThat(match.function()).isEqualTo(FilterExpression.StringFunction.CONTAINS);
        assertThat(match.value()).isEqualTo("coffee");
    }

    @Test
    void rejectsWhatDataverseRejects() {
        assertThatThrownBy(() -> filter(account, "nosuch eq 1"))
                .isInstanceOf(ODataQueryException.class)
                .hasMessage("Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.account'.");
        assertThatThrownBy(() -> filter(account, "revenue eq 'many'"))
                .isInstanceOf(ODataQueryException.class)
                .hasMessageContaining("incompatible types")
                .hasMessageContaining("'Edm.Decimal' and 'Edm.String'");
        assertThatThrownBy(() -> filter(webpage, "_adx_websiteid_value eq '10000000-0000-4000-8000-000000000001'"))
                .isInstanceOf(ODataQueryException.class)
                .hasMessageContaining("Edm.Guid");
        assertThatThrownBy(() -> filter(account, "name eq 'a' extra")).isInstanceOf(ODataQueryException.class);
        assertThatThrownBy(() -> filter(account, "(name eq 'a'")).isInstanceOf(ODataQueryException.class);
        assertThatThrownBy(() -> filter(account, "name eq 'unterminated")).isInstanceOf(ODataQueryException.class);
        assertThatThrownBy(() -> filter(account, "revenue gt null")).isInstanceOf(ODataQueryException.class);
        assertThatThrownBy(() -> filter(account, "name eq telephone1")).isInstanceOf(ODataQueryException.class);
        assertThatThrownBy(() -> filter(account, "")).isInstanceOf(ODataQueryException.class);
    }

    @Test
    void parsesSelectOrderByTopAndCount() {
        QueryOptions options = parser.parse(
                webpage,
                Map.of(
                        "$select",
                        "adx_name, _adx_parentpageid_value",
                        "$orderby",
                        "adx_displayorder desc,adx_name",
                        "$top",
                        "3",
                        "$count",
                        "true"));

        assertThat(options.select()).extracting(c -> c.name()).containsExactly("adx_name", "adx_parentpageid");
        assertThat(options.orderBy())
                .extracting(o -> o.column().name() + (o.descending() ? " desc" : ""))
                .containsExactly("adx_displayorder desc", "adx_name");
        assertThat(options.top()).isEqualTo(3);
        assertThat(options.count()).isTrue();
        assertThatThrownBy(() -> parser.parse(webpage, Map.of("$expand", "adx_websiteid")))
                .isInstanceOf(ODataQueryException.class);
        assertThatThrownBy(() -> parser.parse(webpage, Map.of("$orderby", "adx_name sideways")))
                .isInstanceOf(ODataQueryException.class);
    }

    @Test
    void nestingBeyondTheRecursionLimitIsAQueryErrorNotAStackOverflow() {
        int limit = FilterParser.MAX_DEPTH;
        assertThat(filter(account, "(".repeat(limit) + "name eq 'x'" + ")".repeat(limit)))
                .isInstanceOf(Comparison.class);
        assertThat(filter(account, "not ".repeat(limit) + "name eq 'x'")).isInstanceOf(Not.class);

        for (String deep : new String[] {
            "(".repeat(8000) + "name eq 'x'" + ")".repeat(8000),
            "not ".repeat(8000) + "name eq 'x'",
            "(not ".repeat(limit / 2 + 1) + "name eq 'x'" + ")".repeat(limit / 2 + 1)
        }) {
            assertThatThrownBy(() -> filter(account, deep))
                    .isInstanceOf(ODataQueryException.class)
                    .hasMessageContaining("recursion limit");
        }
    }

    @Test
    void longStringLiteralsParseWithoutOverflowingTheStack() {
        String text = "x".repeat(50_000);
        String quotes = "''".repeat(20_000);

        assertThat(((Comparison) filter(account, "name eq '" + text + "'")).value())
                .isEqualTo(text);
        assertThat(((Comparison) filter(account, "name eq '" + quotes + "'")).value())
                .isEqualTo("'".repeat(20_000));
        assertThatThrownBy(() -> filter(account, "name eq '" + text)).isInstanceOf(ODataQueryException.class);
    }
}
