package dev.powerpages.emulator.store.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.store.odata.FilterExpression;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ColumnType;
import dev.powerpages.emulator.store.schema.SqlDialect;
import org.junit.jupiter.api.Test;

class SqlDialectTest {

    @Test
    void theDatabaseIsKnownByItsJdbcUrlAndOthersAreRefusedWithoutTheirCredentials() {
        assertThat(SqlDialect.forUrl("jdbc:h2:mem:x;IGNORECASE=TRUE")).isEqualTo(SqlDialect.H2);
        assertThat(SqlDialect.forUrl("jdbc:postgresql://db:5432/store")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThatThrownBy(() -> SqlDialect.forUrl("jdbc:mysql://db/store?password=secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://db/store")
                .hasMessageNotContaining("secret");
    }

    @Test
    void postgresqlTextIsCaseInsensitiveAndUnboundedTextHasNoClob() {
        assertThat(SqlDialect.POSTGRESQL.columnType(ColumnType.STRING))
                .isEqualTo("CHARACTER VARYING(4000) COLLATE \"dataverse_ci\"");
        assertThat(SqlDialect.POSTGRESQL.columnType(ColumnType.LONGMEMO)).isEqualTo("TEXT");
        assertThat(SqlDialect.H2.columnType(ColumnType.LONGMEMO)).isEqualTo("CHARACTER LARGE OBJECT");
    }

    @Test
    void stringFunctionsEscapeWildcardsInTheirArgument() {
        ColumnDefinition name = new ColumnDefinition("name", ColumnType.STRING, null, null, false, null);
        SqlFilter filter = SqlFilter.of(
                new FilterExpression.StringMatch(FilterExpression.StringFunction.CONTAINS, name, "100%_\\"),
                SqlDialect.POSTGRESQL);

        assertThat(filter.sql()).contains("ILIKE ? ESCAPE '\\'");
        assertThat(filter.parameters()).containsExactly("%100\\%\\_\\\\%");
    }
}
