package dev.powerpages.emulator.store.data;

import static dev.powerpages.emulator.store.schema.SchemaDdl.quote;

import dev.powerpages.emulator.store.odata.FilterExpression;
import dev.powerpages.emulator.store.schema.SqlDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link FilterExpression} into an SQL condition with bind parameters.
 * Every condition is written so that it is never SQL UNKNOWN, which gives OData's two-valued logic:
 * {@code col ne 'x'} matches rows where col is null, and {@code not (col eq 'x')} does too.
 */
record SqlFilter(String sql, List<Object> parameters) {

    static SqlFilter of(FilterExpression expression, SqlDialect dialect) {
        List<Object> parameters = new ArrayList<>();
        String sql = expression == null ? "TRUE" : translate(expression, dialect, parameters);
        return new SqlFilter(sql, parameters);
    }

    private static String translate(FilterExpression expression, SqlDialect dialect, List<Object> parameters) {
        // Java 17: no pattern matching for switch yet, hence the instanceof chain.
        if (expression instanceof FilterExpression.And and) {
            return "(" + translate(and.left(), dialect, parameters) + " AND "
                    + translate(and.right(), dialect, parameters) + ")";
        }
        if (expression instanceof FilterExpression.Or or) {
            return "(" + translate(or.left(), dialect, parameters) + " OR " + translate(or.right(), dialect, parameters)
                    + ")";
        }
        if (expression instanceof FilterExpression.Not not) {
            return "(NOT " + translate(not.operand(), dialect, parameters) + ")";
        }
        if (expression instanceof FilterExpression.Comparison comparison) {
            return comparison(comparison, parameters);
        }
        FilterExpression.StringMatch match = (FilterExpression.StringMatch) expression;
        String escaped = match.value().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        parameters.add(
                switch (match.function()) {
                    case CONTAINS -> "%" + escaped + "%";
                    case STARTSWITH -> escaped + "%";
                    case ENDSWITH -> "%" + escaped;
                });
        String column = quote(match.column().name());
        return "(" + column + " IS NOT NULL AND " + dialect.textMatch(column) + ")";
    }

    private static String comparison(FilterExpression.Comparison comparison, List<Object> parameters) {
        String column = quote(comparison.column().name());
        if (comparison.value() == null) {
            return column
                    + (comparison.operator() == FilterExpression.ComparisonOperator.EQ ? " IS NULL" : " IS NOT NULL");
        }
        parameters.add(comparison.value());
        return switch (comparison.operator()) {
            case NE -> "(" + column + " IS NULL OR " + column + " <> ?)";
            case EQ -> "(" + column + " IS NOT NULL AND " + column + " = ?)";
            case GT -> "(" + column + " IS NOT NULL AND " + column + " > ?)";
            case GE -> "(" + column + " IS NOT NULL AND " + column + " >= ?)";
            case LT -> "(" + column + " IS NOT NULL AND " + column + " < ?)";
            case LE -> "(" + column + " IS NOT NULL AND " + column + " <= ?)";
        };
    }
}
