package dev.powerpages.emulator.store.odata;

import dev.powerpages.emulator.store.odata.FilterExpression.ComparisonOperator;
import dev.powerpages.emulator.store.odata.FilterExpression.StringFunction;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.ColumnType;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent parser for the {@code $filter} subset the emulator supports:
 * <pre>
 * or         := and ("or" and)*
 * and        := unary ("and" unary)*
 * unary      := "not" unary | primary
 * primary    := "(" or ")" | function | operand op operand
 * function   := ("contains" | "startswith" | "endswith") "(" property "," string ")"
 * operand    := property | 'string' | number | true | false | null | guid | datetime
 * op         := eq | ne | gt | ge | lt | le
 * </pre>
 * Literals are typed as OData does: GUIDs and dates are unquoted, strings use single quotes with
 * {@code ''} as the escaped quote. A literal of the wrong type for its column is an error, as in
 * Dataverse ("A binary operator with incompatible types was detected").
 */
final class FilterParser {

    private static final Pattern TOKEN = Pattern.compile("""
            \\s*(?:\
            (?<datetime>\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(?:Z|[+-]\\d{2}:\\d{2}))|\
            (?<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(?![\\w-])|\
            (?<date>\\d{4}-\\d{2}-\\d{2})(?![\\w-])|\
            (?<number>-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?[mMdDlLfF]?)(?![\\w.])|\
            (?<word>[A-Za-z_][A-Za-z0-9_]*)|\
            (?<punct>[(),]))""");

    private enum Kind {
        STRING,
        DATETIME,
        GUID,
        DATE,
        NUMBER,
        WORD,
        PUNCT,
        END
    }

    private record Token(Kind kind, String text, int position) {}

    /** An operand before it is type-checked against the other side of a comparison. */
    private record Operand(ColumnDefinition column, Token literal) {}

    /**
     * Deepest nesting of parentheses and {@code not} accepted. The parser and the SQL translation recurse once
     * per level, so without a bound a 7 KB {@code $filter} of parentheses overflowed the request thread's stack
     * (a 500; found by the coverage-guided fuzz test). Hand-written queries nest a few levels; Microsoft's OData
     * parser refuses deep expressions too ("The recursion limit has been exceeded").
     */
    static final int MAX_DEPTH = 100;

    private final TableDefinition table;
    private final String source;
    private final List<Token> tokens;
    private int next;
    private int depth;

    FilterParser(TableDefinition table, String source) {
        this.table = table;
        this.source = source;
        this.tokens = tokenize(source);
    }

    FilterExpression parse() {
        FilterExpression expression = or();
        if (peek().kind != Kind.END) {
            throw syntaxError(peek());
        }
        return expression;
    }

    private FilterExpression or() {
        FilterExpression left = and();
        while (peekWord("or")) {
            next++;
            left = new FilterExpression.Or(left, and());
        }
        return left;
    }

    private FilterExpression and() {
        FilterExpression left = unary();
        while (peekWord("and")) {
            next++;
            left = new FilterExpression.And(left, unary());
        }
        return left;
    }

    private FilterExpression unary() {
        if (peekWord("not")) {
            Token not = take();
            descend(not);
            FilterExpression negated = new FilterExpression.Not(unary());
            depth--;
            return negated;
        }
        return primary();
    }

    private FilterExpression primary() {
        Token token = peek();
        if (token.kind == Kind.PUNCT && token.text.equals("(")) {
            next++;
            descend(token);
            FilterExpression inner = or();
            expectPunct(")");
            depth--;
            return inner;
        }
        if (token.kind == Kind.WORD && tokens.get(next + 1).text.equals("(")) {
            return function();
        }
        Operand left = operand();
        Token operator = take();
        ComparisonOperator op = operator.kind == Kind.WORD ? comparisonOperator(operator.text) : null;
        if (op == null) {
            throw syntaxError(operator);
        }
        Operand right = operand();
        return comparison(left, op, right);
    }

    private void descend(Token at) {
        if (++depth > MAX_DEPTH) {
            throw new ODataQueryException(
                    "The recursion limit has been exceeded: the $filter expression nests more than " + MAX_DEPTH
                            + " levels of parentheses or 'not' (at position " + at.position + ").");
        }
    }

    private FilterExpression function() {
        Token name = take();
        StringFunction function;
        try {
            function = StringFunction.valueOf(name.text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ODataQueryException("An unknown function with name '" + name.text + "' was found.");
        }
        expectPunct("(");
        Operand property = operand();
        expectPunct(",");
        Operand value = operand();
        expectPunct(")");
        if (property.column == null
                || value.literal == null
                || value.literal.kind != Kind.STRING
                || !property.column.type().isText()
                || !property.column.type().isComparable()) {
            throw new ODataQueryException(
                    "The function '" + name.text + "' takes a text property and a string literal.");
        }
        return new FilterExpression.StringMatch(function, property.column, unquote(value.literal.text));
    }

    private Operand operand() {
        Token token = take();
        return switch (token.kind) {
            case WORD ->
                switch (token.text) {
                    case "true", "false", "null" -> new Operand(null, token);
                    default -> new Operand(SimpleQueryOptionsParser.property(table, token.text), null);
                };
            case STRING, DATETIME, GUID, DATE, NUMBER -> new Operand(null, token);
            default -> throw syntaxError(token);
        };
    }

    private FilterExpression comparison(Operand left, ComparisonOperator op, Operand right) {
        if (left.column == null && right.column != null) {
            return comparison(right, op.mirrored(), left);
        }
        if (left.column == null || right.column != null) {
            throw new ODataQueryException("A comparison needs one property and one literal (found "
                    + (left.column == null ? "two literals" : "two properties") + ").");
        }
        ColumnDefinition column = left.column;
        if (!column.type().isComparable()) {
            throw new ODataQueryException(
                    "The property '" + column.propertyName() + "' cannot be used in a $filter query option.");
        }
        Object value = literal(column, op, right.literal);
        if (value == null && op != ComparisonOperator.EQ && op != ComparisonOperator.NE) {
            throw new ODataQueryException("null can only be compared with eq or ne.");
        }
        return new FilterExpression.Comparison(column, op, value);
    }

    /** Converts a literal to the column's Java type, or explains the mismatch in Dataverse's words. */
    private Object literal(ColumnDefinition column, ComparisonOperator op, Token literal) {
        if (literal.kind == Kind.WORD && literal.text.equals("null")) {
            return null;
        }
        ColumnType type = column.type();
        try {
            switch (type) {
                case STRING, MEMO, MULTICHOICE -> {
                    if (literal.kind == Kind.STRING) {
                        return unquote(literal.text);
                    }
                }
                case INTEGER, CHOICE, BIGINT -> {
                    if (literal.kind == Kind.NUMBER && literal.text.matches("-?\\d+")) {
                        long value = Long.parseLong(literal.text);
                        if (type != ColumnType.BIGINT && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
                            throw new ODataQueryException(
                                    "The value " + literal.text + " is out of range for " + type.edmType() + ".");
                        }
                        return value;
                    }
                }
                case DECIMAL, MONEY -> {
                    if (literal.kind == Kind.NUMBER) {
                        return new BigDecimal(literal.text.replaceAll("[mMdDlLfF]$", ""));
                    }
                }
                case BOOLEAN -> {
                    if (literal.kind == Kind.WORD) {
                        return Boolean.valueOf(literal.text);
                    }
                }
                case UNIQUEIDENTIFIER, LOOKUP -> {
                    if (literal.kind == Kind.GUID) {
                        return UUID.fromString(literal.text);
                    }
                }
                case DATETIME -> {
                    if (literal.kind == Kind.DATETIME) {
                        return OffsetDateTime.parse(literal.text);
                    }
                    if (literal.kind == Kind.DATE) {
                        return LocalDate.parse(literal.text).atStartOfDay().atOffset(ZoneOffset.UTC);
                    }
                }
                default -> {}
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ODataQueryException(
                    "Invalid literal '" + literal.text + "' at position " + literal.position + ".");
        }
        throw new ODataQueryException("A binary operator with incompatible types was detected. Found operand types '"
                + type.edmType() + "' and '" + edmTypeOf(literal) + "' for operator kind '" + op.kind + "'.");
    }

    private static String edmTypeOf(Token literal) {
        return switch (literal.kind) {
            case STRING -> "Edm.String";
            case DATETIME -> "Edm.DateTimeOffset";
            case DATE -> "Edm.Date";
            case GUID -> "Edm.Guid";
            case NUMBER -> literal.text.matches("-?\\d+") ? "Edm.Int32" : "Edm.Decimal";
            default -> "Edm.Boolean";
        };
    }

    private static ComparisonOperator comparisonOperator(String word) {
        try {
            return ComparisonOperator.valueOf(word.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String unquote(String quoted) {
        String text = quoted.substring(1, quoted.length() - 1).replace("''", "'");
        // no stored text holds a NUL (PostgreSQL's text cannot), so a literal with one is an error, not a miss
        if (text.indexOf('\0') >= 0) {
            throw new ODataQueryException(
                    "The string literal " + quoted.replace("\0", "\\u0000") + " contains a NUL character.");
        }
        return text;
    }

    private boolean peekWord(String word) {
        Token token = peek();
        return token.kind == Kind.WORD && token.text.equals(word);
    }

    private Token peek() {
        return tokens.get(next);
    }

    private Token take() {
        Token token = tokens.get(next);
        if (token.kind != Kind.END) {
            next++;
        }
        return token;
    }

    private void expectPunct(String punct) {
        Token token = take();
        if (token.kind != Kind.PUNCT || !token.text.equals(punct)) {
            throw syntaxError(token);
        }
    }

    private ODataQueryException syntaxError(Token token) {
        return new ODataQueryException("Syntax error at position " + token.position + " in '" + source + "'.");
    }

    /**
     * Scans {@code '…'} with {@code ''} as the escaped quote and returns the position after it. By hand, not in
     * {@link #TOKEN}: Java's regex engine recurses once per character of {@code (?:[^']|'')*}, so a string
     * literal of a few thousand characters overflowed the stack (a 500; found by the coverage-guided fuzz test).
     */
    private static int stringLiteral(String source, int start, List<Token> tokens) {
        int at = start + 1;
        while (true) {
            int quote = source.indexOf('\'', at);
            if (quote < 0) {
                throw new ODataQueryException(
                        "Syntax error at position " + start + " in '" + source + "': unterminated string literal.");
            }
            if (quote + 1 < source.length() && source.charAt(quote + 1) == '\'') {
                at = quote + 2;
                continue;
            }
            tokens.add(new Token(Kind.STRING, source.substring(start, quote + 1), start));
            return quote + 1;
        }
    }

    private static List<Token> tokenize(String source) {
        List<Token> tokens = new ArrayList<>();
        Matcher matcher = TOKEN.matcher(source);
        int position = 0;
        while (!source.substring(position).isBlank()) {
            while (" \t\n\u000B\f\r".indexOf(source.charAt(position)) >= 0) {
                position++;
            }
            if (source.charAt(position) == '\'') {
                position = stringLiteral(source, position, tokens);
                continue;
            }
            matcher.region(position, source.length());
            if (!matcher.lookingAt()) {
                throw new ODataQueryException("Syntax error at position " + position + " in '" + source + "'.");
            }
            for (Kind kind : Kind.values()) {
                String group = kind.name().toLowerCase(Locale.ROOT);
                if (kind != Kind.END && kind != Kind.STRING && matcher.group(group) != null) {
                    tokens.add(new Token(kind, matcher.group(group), matcher.start(group)));
                    break;
                }
            }
            position = matcher.end();
        }
        tokens.add(new Token(Kind.END, "", source.length()));
        tokens.add(new Token(Kind.END, "", source.length()));
        return tokens;
    }
}
