package dev.powerpages.emulator.waf.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SQL injection detection in libinjection's manner (the library behind ModSecurity's
 * {@code @detectSQLi}): the value is tokenised as SQL three times — as it is, and as if it
 * followed an opening single or double quote, since an injection usually closes the
 * application's string first — and the token classes are checked for the shapes an injection
 * takes (closing quote then a boolean clause, UNION SELECT, stacked statements, time-delay
 * functions, trailing comment). Written here because libinjection has no JVM port on Maven Central.
 *
 * <p>Token classes follow libinjection's letters: s string, 1 number, n bareword, v variable,
 * k keyword, U union, E statement, T T-SQL statement, B group/order/limit, f function,
 * o operator, &amp; logical operator, ( ) , ; and c comment.
 */
public final class SqlInjectionDetector {

    private static final Map<String, Character> WORDS = words();

    /** Functions an injection uses to probe, leak or delay; their call is itself a finding. */
    private static final Set<String> ATTACK_FUNCTIONS = Set.of(
            "sleep",
            "benchmark",
            "pg_sleep",
            "extractvalue",
            "updatexml",
            "load_file",
            "xp_cmdshell",
            "dbms_pipe.receive_message",
            "utl_inaddr.get_host_name",
            "utl_http.request",
            "randomblob",
            "dbms_lock.sleep",
            "make_set",
            "elt",
            "geometrycollection",
            "polygon",
            "multipoint",
            "exp",
            "name_const",
            "json_keys",
            "gtid_subset",
            "procedure_analyse",
            "information_schema",
            "version",
            "database",
            "user",
            "current_user",
            "system_user",
            "session_user",
            "schema",
            "@@version",
            "char",
            "chr",
            "concat",
            "concat_ws",
            "group_concat",
            "ascii",
            "substring",
            "substr",
            "mid",
            "ord",
            "hex",
            "unhex",
            "if",
            "iif",
            "case",
            "count",
            "cast",
            "convert",
            "json_extract",
            "json_depth",
            "row",
            "ifnull",
            "nullif",
            "coalesce",
            "length",
            "char_length",
            "lower",
            "upper",
            "md5",
            "sha1",
            "rand",
            "floor",
            "xmltype",
            "dbms_xmlgen.getxml",
            "sys_context",
            "openrowset",
            "opendatasource",
            "fn_varbintohexstr",
            "db_name",
            "host_name",
            "is_srvrolemember",
            "waitfor",
            "pg_read_file",
            "lo_import",
            "current_database",
            "sqlite_version",
            "load_extension");

    private static final Set<String> DELAY_FUNCTIONS = Set.of(
            "sleep",
            "benchmark",
            "pg_sleep",
            "dbms_lock.sleep",
            "dbms_pipe.receive_message",
            "randomblob",
            "extractvalue",
            "updatexml",
            "load_file",
            "xp_cmdshell",
            "utl_inaddr.get_host_name",
            "utl_http.request",
            "name_const",
            "gtid_subset",
            "pg_read_file",
            "openrowset",
            "fn_varbintohexstr",
            "xmltype",
            "load_extension",
            "json_keys");

    /**
     * A numeric literal's whole text. Compiled once: {@code String.matches} compiled it for every number of every value
     * the detector reads (~5 % of an ordinary request's inspection CPU, JFR).
     */
    private static final Pattern NUMBER = Pattern.compile("(?i)0x[0-9a-f]*|0b[01]*|\\d*\\.?\\d*(e[+-]?\\d+)?[df]?");

    private static final Pattern MYSQL_VERSIONED_COMMENT = Pattern.compile("/\\*!\\d*|\\*/");

    private static final Pattern INLINE_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);

    /**
     * The character references rich-text editors write (CKEditor: &amp;quot; &amp;nbsp; &amp;ndash;
     * &amp;#39;), with their closing {@code ;}. Read raw, "&amp;quot;select all&amp;quot;" is an
     * operator, a word and a statement separator before SELECT, and "&amp;#39;" opens a comment;
     * in a note or forum post the reference stands for one character, so it is read as that
     * character. Named references are limited to these: {@code &amp;id;drop table t} is not one.
     */
    static final Pattern CHARACTER_REFERENCE = Pattern.compile(
            "&(quot|amp|lt|gt|apos|nbsp|ndash|mdash|hellip|lsquo|rsquo|ldquo|rdquo|laquo|raquo|copy|reg|trade|euro|pound"
                    + "|bull|middot|deg|times|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});",
            Pattern.CASE_INSENSITIVE);

    private static final Map<String, String> NAMED_REFERENCES = Map.ofEntries(
            Map.entry("quot", "\""),
            Map.entry("amp", "&"),
            Map.entry("lt", "<"),
            Map.entry("gt", ">"),
            Map.entry("apos", "'"),
            Map.entry("nbsp", "\u00a0"),
            Map.entry("ndash", "\u2013"),
            Map.entry("mdash", "\u2014"),
            Map.entry("hellip", "\u2026"),
            Map.entry("lsquo", "\u2018"),
            Map.entry("rsquo", "\u2019"),
            Map.entry("ldquo", "\u201c"),
            Map.entry("rdquo", "\u201d"),
            Map.entry("laquo", "\u00ab"),
            Map.entry("raquo", "\u00bb"),
            Map.entry("copy", "\u00a9"),
            Map.entry("reg", "\u00ae"),
            Map.entry("trade", "\u2122"),
            Map.entry("euro", "\u20ac"),
            Map.entry("pound", "\u00a3"),
            Map.entry("bull", "\u2022"),
            Map.entry("middot", "\u00b7"),
            Map.entry("deg", "\u00b0"),
            Map.entry("times", "\u00d7"));

    private SqlInjectionDetector() {}

    public static boolean isInjection(String input) {
        if (input.isEmpty()) {
            return false;
        }
        // An injection sits at the start of a parameter; the first 16 KB are enough to find it.
        String value = decodeCharacterReferences(input.length() > 16_384 ? input.substring(0, 16_384) : input);
        if (check(value)) {
            return true;
        }
        // MySQL executes /*!…*/ bodies, and /**/ splits keywords an attacker wants unrecognised.
        String unwrapped = MYSQL_VERSIONED_COMMENT.matcher(value).replaceAll(" ");
        if (!unwrapped.equals(value) && check(unwrapped)) {
            return true;
        }
        String joined = INLINE_COMMENT.matcher(value).replaceAll("");
        return !joined.equals(value) && check(joined);
    }

    static String decodeCharacterReferences(String value) {
        if (value.indexOf('&') < 0) {
            return value;
        }
        return CHARACTER_REFERENCE.matcher(value).replaceAll(match -> {
            String name = match.group(1).toLowerCase(Locale.ROOT);
            String text;
            if (name.startsWith("#")) {
                int codePoint = name.startsWith("#x")
                        ? Integer.parseInt(name.substring(2), 16)
                        : Integer.parseInt(name.substring(1));
                text = Character.isValidCodePoint(codePoint) && codePoint != 0 ? Character.toString(codePoint) : " ";
            } else {
                text = NAMED_REFERENCES.get(name);
            }
            return java.util.regex.Matcher.quoteReplacement(text);
        });
    }

    private static boolean check(String value) {
        if (attack(tokens(value, (char) 0), false)) {
            return true;
        }
        for (char quote : new char[] {'\'', '"'}) {
            if (value.indexOf(quote) >= 0 && attack(tokens(value, quote), true)) {
                return true;
            }
        }
        return false;
    }

    /** The token sequence, comments dropped but remembered in {@link Tokens#trailingComment}. */
    record Token(char type, String text) {}

    record Tokens(List<Token> list, boolean trailingComment, boolean anyComment) {

        char type(int i) {
            return i < list.size() ? list.get(i).type() : 0;
        }

        String text(int i) {
            return i < list.size() ? list.get(i).text() : "";
        }

        int size() {
            return list.size();
        }
    }

    static boolean attack(Tokens t, boolean quoteContext) {
        int n = t.size();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char type = t.type(i);
            // UNION [ALL|DISTINCT] [(] SELECT, anywhere.
            if (type == 'U') {
                int j = i + 1;
                if (t.text(j).equals("all") || t.text(j).equals("distinct")) {
                    j++;
                }
                while (t.type(j) == '(') {
                    j++;
                }
                if (t.type(j) == 'E' && t.text(j).equals("select")) {
                    return true;
                }
            }
            // Stacked statement: ; DROP TABLE, ; EXEC xp_…, ; DECLARE @x, ; WAITFOR DELAY, ; SELECT * FROM.
            if (type == ';' && (t.type(i + 1) == 'E' || t.type(i + 1) == 'T')) {
                char after = t.type(i + 2);
                if (after == 'k'
                        || after == 'v'
                        || after == 'f'
                        || after == '1'
                        || after == 's'
                        || after == '('
                        || (after == 'o' && t.text(i + 2).equals("*"))
                        || t.text(i + 2).startsWith("xp_")
                        || t.text(i + 2).startsWith("sp_")
                        || (t.type(i + 1) == 'T' && after == 0)
                        || (after == 'n' && (t.type(i + 3) == 'k' || t.type(i + 3) == ','))) {
                    return true;
                }
            }
            // Calls of functions that only an injection makes in a parameter.
            if (type == 'f' && DELAY_FUNCTIONS.contains(t.text(i))) {
                return true;
            }
            char before = i > 0 ? t.type(i - 1) : 0;
            boolean afterOperator = before == 'o' && !t.text(i - 1).equals("-");
            if (type == 'f' && (before == '&' || before == ';' || before == 'E' || before == 'k' || afterOperator)) {
                // After AND/OR, ";" or a keyword the call is SQL. After a bare operator it is SQL only
                // where the value is an expression (starts with a number or closes a quote); in text,
                // "How do I write =IF(A1>10, …)" is a spreadsheet formula, not an injection.
                if (afterOperator ? quoteContext || t.type(0) == '1' : i >= 2 || quoteContext || t.type(0) == '1') {
                    return true;
                }
            }
            // Sub-select: ( SELECT x FROM / ( SELECT 1 / SELECT f( … FROM.
            if (type == 'E' && t.text(i).equals("select")) {
                char next = t.type(i + 1);
                if ((i > 0 && t.type(i - 1) == '(' && next != 0 && next != 'n')
                        || next == 'f'
                        || next == 'v'
                        || (next == 'o' && t.text(i + 1).equals("*") && fromTail(t, i + 2))
                        || (next == '1'
                                && (t.type(i + 2) == ',' || t.text(i + 2).equals("from") || i > 0))
                        || (next == 'n'
                                && (t.text(i + 2).equals("from") || t.type(i + 2) == ',')
                                && fromTail(t, i + 2))) {
                    return true;
                }
            }
            // Variables that name the server: @@version, @@hostname.
            if (type == 'v' && t.text(i).startsWith("@@")) {
                return true;
            }
            // T-SQL: EXEC master..xp_cmdshell, WAITFOR DELAY '0:0:5', DECLARE @x.
            if (type == 'T'
                    && (t.type(i + 1) == 'v'
                            || t.text(i + 1).equals("delay")
                            || t.text(i + 1).equals("time")
                            || t.text(i + 1).startsWith("xp_")
                            || t.text(i + 1).startsWith("sp_")
                            || t.text(i + 1).startsWith("master.")
                            || t.type(i + 1) == '(')) {
                return true;
            }
        }
        char first = t.type(0);
        if (quoteContext) {
            // The injection closes the application's string: what follows must continue SQL.
            if (first != 's') {
                return false;
            }
            int i = 1;
            while (t.type(i) == ')') {
                i++;
            }
            char next = t.type(i);
            if (next == 0) {
                return t.trailingComment() && t.text(0).length() < 64;
            }
            if (next == ';' && (t.type(i + 1) == 0 || t.type(i + 1) == 'E' || t.type(i + 1) == 'T')) {
                return t.type(i + 1) != 0 || t.trailingComment();
            }
            if (next == '&') {
                return booleanClause(t, i + 1, true);
            }
            if (next == 'o' && isComparison(t.text(i))) {
                char operand = t.type(i + 1);
                return operand == 's'
                        || operand == '1'
                        || operand == 'f'
                        || operand == '('
                        || operand == 'v'
                        || operand == 'n' && (t.type(i + 2) == '&' || t.type(i + 2) == 0 && t.trailingComment())
                        || operand == 'k'
                                && (t.text(i + 1).equals("null")
                                        || t.text(i + 1).equals("true"));
            }
            if (next == 'o'
                    && (t.text(i).equals("+")
                            || t.text(i).equals("||")
                            || t.text(i).equals("-"))) {
                return t.type(i + 1) == '(' && t.type(i + 2) == 'E' || t.type(i + 1) == 'f';
            }
            if (next == 'B') {
                return t.type(i + 1) == '1' || t.type(i + 1) == 'n' && t.trailingComment();
            }
            if (next == 'k' && (t.text(i).equals("into") || t.text(i).equals("procedure"))) {
                return true;
            }
            return i > 1 && (next == '&' || next == 'U' || next == ';');
        }
        // As-is: a number (or closing parenthesis) followed by a boolean clause: 1 OR 1=1, 1) AND (1=2.
        int i = 0;
        if (first == '1' || first == 'n' && t.size() > 2) {
            i = 1;
            while (t.type(i) == ')') {
                i++;
            }
            if (t.type(i) == '&' && booleanClause(t, i + 1, first == '1')) {
                return first == '1' || t.type(i + 2) == 'o' && isComparison(t.text(i + 2));
            }
            if (first == '1'
                    && t.type(i) == 'B'
                    && t.type(i + 1) == '1'
                    && (t.trailingComment() || t.type(i + 2) == 0)) {
                return true;
            }
            if (first == '1' && t.type(i) == ';' && (t.type(i + 1) == 'E' || t.type(i + 1) == 'T')) {
                return true;
            }
        }
        return false;
    }

    /** A SELECT … FROM table that ends like a query: at the end, at WHERE, a comment, ; ) or a join. */
    private static boolean fromTail(Tokens t, int fromIndex) {
        int i = fromIndex;
        if (t.type(i) == ',') {
            while (i < t.size() && !t.text(i).equals("from")) {
                i++;
            }
        }
        if (!t.text(i).equals("from")) {
            return false;
        }
        char table = t.type(i + 1);
        char after = t.type(i + 2);
        return (table == 'n' || table == 'k' || table == '(')
                && (after == 0
                        || after == 'k'
                        || after == ';'
                        || after == ')'
                        || after == 'B'
                        || after == '&'
                        || t.trailingComment());
    }

    /** After AND/OR: an operand that makes a condition (1=1, 'a'='a', TRUE, SLEEP(5), (SELECT …)). */
    private static boolean booleanClause(Tokens t, int i, boolean strong) {
        int j = i;
        while (t.type(j) == '(') {
            j++;
        }
        if (t.text(j).equals("not")) {
            j++;
        }
        char operand = t.type(j);
        char after = t.type(j + 1);
        boolean endish = after == 0 || after == ')' || after == ';' || after == '&';
        switch (operand) {
            case '1', 's', 'v' -> {
                if (after == 'o' && (isComparison(t.text(j + 1)) || strong)) {
                    return true;
                }
                if (after == 'k'
                        && Set.of("like", "in", "is", "between", "regexp", "rlike")
                                .contains(t.text(j + 1))) {
                    return true;
                }
                return strong && endish && (operand != 's' || t.trailingComment() || after != 0 || j > i)
                        || endish && t.trailingComment();
            }
            case 'f' -> {
                return true;
            }
            case 'E' -> {
                return j > i || t.type(j + 1) != 'n';
            }
            case 'k' -> {
                return (t.text(j).equals("true")
                                || t.text(j).equals("false")
                                || t.text(j).equals("null"))
                        && (endish || t.trailingComment());
            }
            case 'n' -> {
                return after == 'o' && isComparison(t.text(j + 1)) && t.type(j + 2) != 'n' && t.type(j + 2) != 0
                        || after == 'k'
                                && Set.of("like", "in", "is", "between", "regexp", "rlike")
                                        .contains(t.text(j + 1))
                                && (t.type(j + 2) == 's'
                                        || t.type(j + 2) == '('
                                        || t.type(j + 2) == '1'
                                        || t.type(j + 2) == 'k')
                        || (after == 0 || after == ')' || after == ';') && t.trailingComment();
            }
            default -> {
                return false;
            }
        }
    }

    private static boolean isComparison(String operator) {
        return switch (operator) {
            case "=",
                    "==",
                    "<",
                    ">",
                    "<=",
                    ">=",
                    "<>",
                    "!=",
                    "<=>",
                    "like",
                    "rlike",
                    "regexp",
                    "sounds",
                    "between",
                    "^",
                    "|",
                    "&",
                    "*",
                    "/",
                    "-",
                    "+",
                    "div",
                    "mod",
                    "%",
                    ":=" -> true;
            default -> false;
        };
    }

    /** Tokenises {@code value}, as if it followed an opening {@code quote} when quote is not 0. */
    static Tokens tokens(String value, char quote) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = value.length();
        boolean trailingComment = false;
        boolean anyComment = false;
        if (quote != 0) {
            int close = closingQuote(value, 0, quote);
            tokens.add(new Token('s', value.substring(0, close < 0 ? length : close)));
            i = close < 0 ? length : close + 1;
        }
        while (i < length && tokens.size() < 64) {
            char c = value.charAt(i);
            trailingComment = false;
            if (Character.isWhitespace(c) || c == '\u000b' || c == '\u00a0' || c == 0) {
                i++;
                continue;
            }
            if (c == '\'' || c == '"') {
                int close = closingQuote(value, i + 1, c);
                String text = value.substring(i + 1, close < 0 ? length : close);
                if (!tokens.isEmpty() && tokens.get(tokens.size() - 1).type() == 's') {
                    // Adjacent strings concatenate in SQL ('a' 'b'); one token, as libinjection folds them.
                    tokens.set(
                            tokens.size() - 1,
                            new Token('s', tokens.get(tokens.size() - 1).text() + text));
                } else {
                    tokens.add(new Token('s', text));
                }
                i = close < 0 ? length : close + 1;
                continue;
            }
            if (c == '`') {
                int close = value.indexOf('`', i + 1);
                tokens.add(new Token(
                        'n', value.substring(i + 1, close < 0 ? length : close).toLowerCase(Locale.ROOT)));
                i = close < 0 ? length : close + 1;
                continue;
            }
            if (c == '#' || c == '-' && value.startsWith("--", i)) {
                int end = value.indexOf('\n', i);
                trailingComment = end < 0;
                anyComment = true;
                i = end < 0 ? length : end + 1;
                continue;
            }
            if (c == '/' && value.startsWith("/*", i)) {
                int end = value.indexOf("*/", i + 2);
                trailingComment = end < 0;
                anyComment = true;
                i = end < 0 ? length : end + 2;
                continue;
            }
            if (Character.isDigit(c) || c == '.' && i + 1 < length && Character.isDigit(value.charAt(i + 1))) {
                int start = i;
                if (c == '0'
                        && i + 1 < length
                        && (value.charAt(i + 1) == 'x' || value.charAt(i + 1) == 'X' || value.charAt(i + 1) == 'b')) {
                    i += 2;
                }
                while (i < length && (Character.isLetterOrDigit(value.charAt(i)) || value.charAt(i) == '.')) {
                    i++;
                }
                String text = value.substring(start, i);
                boolean number = NUMBER.matcher(text).matches();
                tokens.add(new Token(number ? '1' : 'n', text.toLowerCase(Locale.ROOT)));
                continue;
            }
            if (Character.isLetter(c)
                    || c == '_'
                    || c == '$'
                    || c == '@'
                    || c == '\\' && i + 1 < length && value.charAt(i + 1) == 'N') {
                int start = i;
                i++;
                while (i < length
                        && (Character.isLetterOrDigit(value.charAt(i)) || "_$@.".indexOf(value.charAt(i)) >= 0)) {
                    i++;
                }
                String word = value.substring(start, i).toLowerCase(Locale.ROOT);
                if (word.startsWith("@")) {
                    tokens.add(new Token('v', word));
                    continue;
                }
                int next = skipSpace(value, i);
                if (next < length && value.charAt(next) == '(' && !WORDS.containsKey(word)
                        || ATTACK_FUNCTIONS.contains(word) && next < length && value.charAt(next) == '(') {
                    tokens.add(new Token(ATTACK_FUNCTIONS.contains(word) ? 'f' : 'n', word));
                    continue;
                }
                if ((word.equals("order") || word.equals("group")) && value.regionMatches(true, next, "by", 0, 2)) {
                    tokens.add(new Token('B', word + " by"));
                    i = next + 2;
                    continue;
                }
                Character type = WORDS.get(word);
                tokens.add(new Token(type == null ? 'n' : type, word));
                continue;
            }
            switch (c) {
                case '(', ')', ',', ';' -> {
                    tokens.add(new Token(c, String.valueOf(c)));
                    i++;
                }
                default -> {
                    int start = i;
                    String two = i + 1 < length ? value.substring(i, i + 2) : "";
                    String three = i + 2 < length ? value.substring(i, i + 3) : "";
                    if (three.equals("<=>")) {
                        i += 3;
                    } else if (Set.of("<=", ">=", "<>", "!=", "||", "&&", ":=", "==", "<<", ">>")
                            .contains(two)) {
                        i += 2;
                    } else {
                        i++;
                    }
                    String op = value.substring(start, i);
                    if ("=<>!+-*/%^|&~:".indexOf(c) < 0) {
                        // Punctuation SQL has no use for (?, {, [) separates words and nothing else.
                        continue;
                    }
                    if ((op.equals("-") || op.equals("+") || op.equals("~"))
                            && i < length
                            && (Character.isDigit(value.charAt(i)) || value.charAt(i) == '.')
                            && (tokens.isEmpty()
                                    || "o&(,;"
                                                    .indexOf(tokens.get(tokens.size() - 1)
                                                            .type())
                                            >= 0)) {
                        // A sign, not an operator: "-1" is one number.
                        continue;
                    }
                    tokens.add(new Token(op.equals("||") || op.equals("&&") ? '&' : 'o', op));
                }
            }
        }
        return new Tokens(tokens, trailingComment, anyComment);
    }

    private static int skipSpace(String value, int i) {
        while (i < value.length()) {
            if (Character.isWhitespace(value.charAt(i))) {
                i++;
            } else if (value.startsWith("/*", i)) {
                int end = value.indexOf("*/", i + 2);
                i = end < 0 ? value.length() : end + 2;
            } else {
                break;
            }
        }
        return i;
    }

    /** The index of the quote closing a string that starts at {@code from}; doubled quotes and \' escape. */
    private static int closingQuote(String value, int from, char quote) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == quote) {
                if (i + 1 < value.length() && value.charAt(i + 1) == quote) {
                    i++;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }

    private static Map<String, Character> words() {
        Map<String, Character> words = new java.util.HashMap<>();
        words.put("union", 'U');
        for (String w : List.of(
                "select",
                "insert",
                "update",
                "delete",
                "drop",
                "create",
                "alter",
                "truncate",
                "replace",
                "merge",
                "load")) {
            words.put(w, 'E');
        }
        for (String w : List.of(
                "exec",
                "execute",
                "declare",
                "waitfor",
                "shutdown",
                "sp_executesql",
                "xp_cmdshell",
                "openquery",
                "bulk")) {
            words.put(w, 'T');
        }
        for (String w : List.of("and", "or", "xor")) {
            words.put(w, '&');
        }
        for (String w : List.of("like", "rlike", "regexp", "sounds", "div", "mod")) {
            words.put(w, 'o');
        }
        for (String w : List.of("limit", "having", "procedure", "offset")) {
            words.put(w, 'B');
        }
        for (String w : List.of(
                "from",
                "where",
                "table",
                "into",
                "values",
                "set",
                "all",
                "distinct",
                "null",
                "true",
                "false",
                "case",
                "when",
                "then",
                "else",
                "end",
                "as",
                "delay",
                "top",
                "not",
                "in",
                "is",
                "between",
                "outfile",
                "dumpfile",
                "information_schema",
                "collate",
                "escape",
                "exists",
                "join",
                "on",
                "using",
                "asc",
                "desc",
                "varchar",
                "char",
                "nvarchar",
                "int",
                "integer",
                "binary",
                "time")) {
            words.put(w, 'k');
        }
        words.put("not", 'k');
        return Map.copyOf(words);
    }
}
