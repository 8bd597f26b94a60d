package dev.powerpages.emulator.store.odata;

import dev.powerpages.emulator.store.schema.ColumnDefinition;

/**
 * A parsed, type-checked {@code $filter}: properties are resolved to columns and literals are
 * converted to the column's Java type (String, Long, BigDecimal, Boolean, UUID, OffsetDateTime) or
 * {@code null}.
 */
public sealed interface FilterExpression {

    record And(FilterExpression left, FilterExpression right) implements FilterExpression {}

    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {}

    record Not(FilterExpression operand) implements FilterExpression {}

    record Comparison(ColumnDefinition column, ComparisonOperator operator, Object value) implements FilterExpression {}

    /** {@code contains(col,'x')}, {@code startswith(col,'x')}, {@code endswith(col,'x')}. */
    record StringMatch(StringFunction function, ColumnDefinition column, String value) implements FilterExpression {}

    enum ComparisonOperator {
        EQ("Equal"),
        NE("NotEqual"),
        GT("GreaterThan"),
        GE("GreaterThanOrEqual"),
        LT("LessThan"),
        LE("LessThanOrEqual");

        /** The OData library's operator kind name, used in Dataverse's error messages. */
        final String kind;

        ComparisonOperator(String kind) {
            this.kind = kind;
        }

        ComparisonOperator mirrored() {
            return switch (this) {
                case GT -> LT;
                case GE -> LE;
                case LT -> GT;
                case LE -> GE;
                default -> this;
            };
        }
    }

    enum StringFunction {
        CONTAINS,
        STARTSWITH,
        ENDSWITH
    }
}
