package dev.powerpages.emulator.appnode.liquid;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liqp.Insertion;
import liqp.TemplateParser;
import liqp.blocks.Block;

/**
 * Rewrites the Power Pages (DotLiquid) forms liqp cannot parse into forms it can, before parsing. One pass over the
 * source's tags and outputs; every rewrite keeps the line count, so liqp's line numbers still point into the
 * author's source. Text inside {@code raw} and {@code comment} is left alone.
 * <ul>
 * <li>{@code {% include 'Name' key:value other:1 %}} → {@code {% pp_include … %}}: liqp's grammar reserves
 * {@code include} and accepts no parameters, so the node's own tag ({@link WebTemplateInclude}) takes over;</li>
 * <li>{@code {% elseif %}} → {@code {% elsif %}}: DotLiquid, the engine behind Power Pages, accepts both spellings
 * ({@code Tags/If.cs}: "elsif", "elseif", "else"), and Microsoft's own Ad and Poll templates use {@code elseif};</li>
 * <li>{@code a startswith b} and {@code a endswith b} in {@code if}/{@code elsif}/{@code unless} (Power Pages'
 * "Understand Liquid operators" page) → a lookup in the {@link #OPERATORS} object, which liqp's expressions can
 * evaluate in place: {@code __pp_operators.startswith[a][b]};</li>
 * <li>a tag the parser does not know → {@link #NOT_EMULATED_TAG}, which writes the not-emulated comment: a block
 * (the tag with a matching {@code end} tag later) is replaced as a whole, its body unparsed, so the page still
 * renders whatever the feature would have contained around;</li>
 * <li>a filter the parser does not know → {@link #NOT_EMULATED_FILTER}, which passes the value through unchanged and
 * records the use;</li>
 * <li>filters in an {@code if}/{@code elsif}/{@code unless} condition ({@code {% if request.params['id'] | xml_escape
 * and x %}}) → dropped, up to the next {@code and}/{@code or}: DotLiquid reads each part of a condition with
 * {@code If.cs}'s {@code Syntax} regex ({@code (QuotedFragment)\s*([=!<>a-zA-Z_]+)?\s*(QuotedFragment)?}, unanchored),
 * which stops at the {@code |}, so the filter and whatever follows it in that part are never read; liqp refuses them;</li>
 * <li>{@code else} and end tags with words after their name ({@code {% else user %}}) → the bare tag, as DotLiquid
 * ignores those words;</li>
 * <li>words in an output between its value and its first filter ({@code {{ assign val = "" }}}) → dropped, and a
 * value liqp cannot read → {@code nil}, as DotLiquid's {@code Variable} reads an output;</li>
 * <li>Unicode spaces (a no-break or narrow no-break space pasted into {@code {% endfetchxml %}}) between the markup's
 * words → an ordinary space: DotLiquid's tag regexes match them with .NET's {@code \s} (every {@code \p{Z}}), liqp's
 * lexer only ASCII white space.</li>
 * </ul>
 * The last three only where the parser has the node's tags for them (a parser built without the feature packages
 * keeps liqp's own refusal).
 */
public final class PowerPagesLiquidSyntax {

    /** The tag an unknown tag becomes: {@code {% pp_not_emulated 'name' %}}. */
    public static final String NOT_EMULATED_TAG = "pp_not_emulated";
    /** The filter an unknown filter becomes: {@code | pp_not_emulated_filter: 'name', params…}. */
    public static final String NOT_EMULATED_FILTER = "pp_not_emulated_filter";
    /** The render variable holding the {@code startswith}/{@code endswith} operators. */
    public static final String OPERATORS = "__pp_operators";

    /** Tag names liqp's grammar knows without an insertion being registered for them. */
    private static final Set<String> GRAMMAR = Set.of(
            "if",
            "elsif",
            "else",
            "endif",
            "unless",
            "endunless",
            "case",
            "when",
            "endcase",
            "for",
            "endfor",
            "tablerow",
            "endtablerow",
            "capture",
            "endcapture",
            "comment",
            "endcomment",
            "raw",
            "endraw",
            "cycle",
            "assign",
            "include",
            "continue",
            "break");

    private static final Pattern TAG_NAME = Pattern.compile("\\{%(-?)\\s*([A-Za-z_][\\w-]*)");
    private static final Pattern NAMED_TAG = Pattern.compile("\\{%-?\\s*(end)?([A-Za-z_][\\w-]*)");
    private static final Pattern RAW_END = Pattern.compile("\\{%-?\\s*endraw\\s*-?%\\}");
    private static final Pattern COMMENT_END = Pattern.compile("\\{%-?\\s*endcomment\\s*-?%\\}");
    private static final Pattern FILTER_NAME = Pattern.compile("\\G(\\s*)([A-Za-z_][\\w-]*)(\\s*:)?");
    private static final String TERM = "'[^']*'|\"[^\"]*\"|-?\\d+(?:\\.\\d+)?"
            + "|[A-Za-z_][\\w-]*(?:\\.[A-Za-z0-9_][\\w-]*|\\[(?:'[^']*'|\"[^\"]*\"|[^\\]'\"]*)\\])*";
    private static final Pattern STRING_OPERATOR =
            Pattern.compile("(" + TERM + ")\\s+(startswith|endswith)\\s+(" + TERM + ")");
    /** A whole output name liqp reads as one value: a term, or a range (which liqp refuses, as before). */
    private static final Pattern OUTPUT_NAME = Pattern.compile("\\s*(?:" + TERM + "|\\(\\S+\\.\\.\\S+\\))\\s*");
    /** DotLiquid's {@code QuotedAssignFragment}: what {@code Variable.cs} takes as an output's name. */
    private static final Pattern FRAGMENT = Pattern.compile("\\s*((?:[^\\s|'\"]|\"[^\"]*\"|'[^']*')+)");
    /** Where a condition's next part begins: DotLiquid's {@code ExpressionsAndOperators} splits on these words. */
    private static final Pattern CONDITION_JOIN = Pattern.compile("\\s(?:and|or)\\s");

    private final String source;
    private final Set<String> knownTags;
    private final TemplateParser parser;
    private final StringBuilder out;
    /** Where each unknown block's opening tag (by position) finds its end tag. */
    private final Map<Integer, Integer> blockEnds = new HashMap<>();

    private PowerPagesLiquidSyntax(String source, TemplateParser parser) {
        this.source = source;
        this.parser = parser;
        this.knownTags = knownTags(parser);
        this.out = new StringBuilder(source.length() + 64);
    }

    /**
     * @param source a web template (or snippet, page copy …) as its author wrote it
     * @param parser the parser it will be given to: its tags and filters are the ones the result may use
     */
    public static String rewrite(String source, TemplateParser parser) {
        return new PowerPagesLiquidSyntax(source, parser).rewrite();
    }

    private String rewrite() {
        boolean unknownTagsHandled = knownTags.contains(NOT_EMULATED_TAG);
        if (unknownTagsHandled) {
            matchUnknownBlocks();
        }
        int position = 0;
        while (position < source.length()) {
            int open = nextMarkup(position);
            if (open < 0) {
                break;
            }
            out.append(source, position, open);
            boolean tag = source.charAt(open + 1) == '%';
            int end = endOfMarkup(open + 2, tag ? '%' : '}');
            if (end < 0) {
                // Unterminated: liqp reports it with its line.
                position = open;
                break;
            }
            position = tag ? tag(open, end, unknownTagsHandled) : output(open, end);
        }
        out.append(source, Math.min(position, source.length()), source.length());
        return out.toString();
    }

    /** Writes the tag at [open, end) (rewritten where needed); returns where scanning goes on. */
    private int tag(int open, int end, boolean unknownTagsHandled) {
        if (hasUnicodeSpace(open, end)) {
            return tagWithPlainSpaces(open, end, unknownTagsHandled);
        }
        Matcher name = TAG_NAME.matcher(source).region(open, end);
        if (!name.lookingAt()) {
            out.append(source, open, end); // {% # comment %}, {%%} …: liqp's to judge
            return end;
        }
        String tagName = name.group(2);
        switch (tagName) {
            case "raw" -> {
                return verbatimUntil(open, end, RAW_END);
            }
            case "comment" -> {
                return verbatimUntil(open, end, COMMENT_END);
            }
            case "include" -> {
                out.append(source, open, name.start(2))
                        .append(WebTemplateInclude.NAME)
                        .append(source, name.end(2), end);
                return end;
            }
            case "elseif", "elsif", "if", "unless" -> {
                String keyword = "elseif".equals(tagName) ? "elsif" : tagName;
                out.append(source, open, name.start(2))
                        .append(keyword)
                        .append(withStringOperators(withoutConditionFilters(source.substring(name.end(2), end))));
                return end;
            }
            case "else" -> {
                return withoutMarkup(open, end, name.end(2));
            }
            case "assign" -> {
                out.append(source, open, name.end(2)).append(withKnownFilters(source.substring(name.end(2), end)));
                return end;
            }
            default -> {
                if (tagName.startsWith("end") && knownTags.contains(tagName)) {
                    return withoutMarkup(open, end, name.end(2));
                }
                if (!unknownTagsHandled || knownTags.contains(tagName)) {
                    out.append(source, open, end);
                    return end;
                }
                return notEmulated(open, end, name.group(1), tagName);
            }
        }
    }

    /**
     * {@code else} and end tags with words after their name ({@code {% else user %}}, {@code {% endif cond %}}) →
     * the bare tag: DotLiquid reads a tag as {@code {%\s*(\w+)\s*(.*)?%}} and its {@code If}/{@code Block} ignore the
     * markup of {@code else} and of the block's end tag; liqp's grammar allows none.
     */
    private int withoutMarkup(int open, int end, int nameEnd) {
        int close = source.startsWith("-%}", end - 3) ? end - 3 : end - 2;
        String markup = source.substring(nameEnd, close);
        if (markup.isBlank()) {
            out.append(source, open, end);
            return end;
        }
        out.append(source, open, nameEnd);
        markup.chars().filter(c -> c == '\n').forEach(c -> out.append('\n'));
        out.append(' ').append(source, close, end);
        return end;
    }

    private int output(int open, int end) {
        out.append(source, open, open + 2)
                .append(withKnownFilters(withDotLiquidName(withPlainSpaces(source.substring(open + 2, end)))));
        return end;
    }

    /**
     * An output as DotLiquid's {@code Variable} reads it: the first fragment is the value's name and the filters begin
     * at the first {@code |}; words between the two are never read ({@code {{ assign val = "" }}} and
     * {@code {{ if x == 1 }}} print the variables {@code assign} and {@code if}, nothing). A name liqp cannot read
     * ({@code {{ val="Checked" }}}) names no variable in DotLiquid either: it becomes {@code nil}. liqp refuses both.
     */
    private static String withDotLiquidName(String markup) {
        int start = markup.startsWith("-") ? 1 : 0;
        int close = markup.endsWith("-}}")
                ? markup.length() - 3
                : markup.endsWith("}}") ? markup.length() - 2 : markup.length();
        boolean[] quoted = quotedCharacters(markup);
        int pipe = close;
        for (int i = start; i < close; i++) {
            if (markup.charAt(i) == '|' && !quoted[i]) {
                pipe = i;
                break;
            }
        }
        if (start >= pipe) {
            return markup;
        }
        String name = markup.substring(start, pipe);
        if (name.isBlank() || OUTPUT_NAME.matcher(name).matches()) {
            return markup;
        }
        Matcher fragment = FRAGMENT.matcher(name);
        String first = fragment.lookingAt() ? fragment.group(1) : "";
        String kept = OUTPUT_NAME.matcher(first).matches() ? first : "nil";
        StringBuilder rewritten = new StringBuilder(markup.length())
                .append(markup, 0, start)
                .append(' ')
                .append(kept);
        name.chars().filter(c -> c == '\n').forEach(c -> rewritten.append('\n'));
        return rewritten.append(' ').append(markup.substring(pipe)).toString();
    }

    /** Whether the markup at [open, end) holds a Unicode space outside its string literals. */
    private boolean hasUnicodeSpace(int open, int end) {
        for (int i = open; i < end; i++) {
            if (isUnicodeSpace(source.charAt(i))) {
                String markup = source.substring(open, end);
                return !withPlainSpaces(markup).equals(markup);
            }
        }
        return false;
    }

    /**
     * The tag at [open, end) rewritten as if its Unicode spaces were ordinary ones: the rest of the rewrite runs on a
     * copy of the source with only this tag's spaces replaced (the same length, so every position still holds).
     */
    private int tagWithPlainSpaces(int open, int end, boolean unknownTagsHandled) {
        String plain = source.substring(0, open) + withPlainSpaces(source.substring(open, end)) + source.substring(end);
        PowerPagesLiquidSyntax copy = new PowerPagesLiquidSyntax(plain, parser);
        copy.blockEnds.putAll(blockEnds);
        int next = copy.tag(open, end, unknownTagsHandled);
        out.append(copy.out);
        return next;
    }

    /** Unicode space separators (and NEL) outside string literals → ' '; the same length. */
    private static String withPlainSpaces(String markup) {
        if (markup.chars().noneMatch(PowerPagesLiquidSyntax::isUnicodeSpace)) {
            return markup;
        }
        boolean[] quoted = quotedCharacters(markup);
        char[] chars = markup.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (!quoted[i] && isUnicodeSpace(chars[i])) {
                chars[i] = ' ';
            }
        }
        return new String(chars);
    }

    private static boolean isUnicodeSpace(int c) {
        return c > 0x7f && (Character.isSpaceChar(c) || c == '\u0085');
    }

    /**
     * A condition's filters dropped as DotLiquid drops them: from each unquoted {@code |} to the end of its part
     * (the next {@code and}/{@code or}, or the tag's end), keeping the part's line ends and the tag's closing.
     */
    private static String withoutConditionFilters(String markup) {
        if (markup.indexOf('|') < 0) {
            return markup;
        }
        boolean[] quoted = quotedCharacters(markup);
        int close = markup.endsWith("-%}")
                ? markup.length() - 3
                : markup.endsWith("%}") ? markup.length() - 2 : markup.length();
        StringBuilder rewritten = new StringBuilder(markup.length());
        int position = 0;
        for (int i = 0; i < close; i++) {
            if (markup.charAt(i) != '|' || quoted[i]) {
                continue;
            }
            int partEnd = close;
            Matcher join = CONDITION_JOIN.matcher(markup).region(i, close);
            while (join.find()) {
                if (!quoted[join.start() + 1]) {
                    partEnd = join.start();
                    break;
                }
            }
            rewritten.append(markup, position, i);
            markup.substring(i, partEnd).chars().filter(c -> c == '\n').forEach(c -> rewritten.append('\n'));
            rewritten.append(' ');
            position = partEnd;
            i = partEnd - 1;
        }
        return rewritten.append(markup.substring(position)).toString();
    }

    /** Copies the tag and everything up to and including the closing tag as written. */
    private int verbatimUntil(int open, int end, Pattern closing) {
        Matcher close = closing.matcher(source);
        int until = close.find(end) ? close.end() : source.length();
        out.append(source, open, until);
        return until;
    }

    /** An unknown tag (or a whole unknown block) → the not-emulated tag, on as many lines as the original took. */
    private int notEmulated(int open, int end, String leftTrim, String tagName) {
        int until = end;
        String rightTrim = source.startsWith("-%}", end - 3) ? "-" : "";
        Integer blockEnd = blockEnds.get(open);
        if (blockEnd != null) {
            until = blockEnd;
            rightTrim = source.startsWith("-%}", until - 3) ? "-" : "";
        }
        long lines =
                source.substring(open, until).chars().filter(c -> c == '\n').count();
        out.append("{%")
                .append(leftTrim)
                .append(' ')
                .append(NOT_EMULATED_TAG)
                .append(" '")
                .append(tagName)
                .append("' ")
                .append("\n".repeat((int) lines))
                .append(rightTrim)
                .append("%}");
        return until;
    }

    /**
     * Pairs every unknown tag with its {@code end} tag, if it has one, by nesting (one pass, a stack per name), outside
     * {@code raw} and {@code comment}.
     */
    private void matchUnknownBlocks() {
        Map<String, Deque<Integer>> open = new HashMap<>();
        Matcher tag = NAMED_TAG.matcher(source);
        int from = 0;
        while (tag.find(from)) {
            from = tag.end();
            String name = tag.group(2);
            boolean closing = tag.group(1) != null;
            if (!closing && ("raw".equals(name) || "comment".equals(name))) {
                Matcher close = ("raw".equals(name) ? RAW_END : COMMENT_END).matcher(source);
                from = close.find(tag.end()) ? close.end() : source.length();
                continue;
            }
            if (knownTags.contains(name) && !closing || closing && knownTags.contains("end" + name)) {
                continue;
            }
            int tagEnd = endOfMarkup(tag.start() + 2, '%');
            if (tagEnd < 0) {
                return;
            }
            if (!closing) {
                open.computeIfAbsent(name, key -> new ArrayDeque<>()).push(tag.start());
            } else if (open.containsKey(name) && !open.get(name).isEmpty()) {
                blockEnds.put(open.get(name).pop(), tagEnd);
            }
            from = tagEnd;
        }
    }

    /** Conditions with {@code startswith}/{@code endswith} → lookups in the operators object (outside string literals). */
    private String withStringOperators(String markup) {
        if (!markup.contains("startswith") && !markup.contains("endswith") || !knownTags.contains(NOT_EMULATED_TAG)) {
            return markup;
        }
        boolean[] quoted = quotedCharacters(markup);
        Matcher operator = STRING_OPERATOR.matcher(markup);
        StringBuilder rewritten = new StringBuilder();
        int position = 0;
        while (operator.find()) {
            if (quoted[operator.start(2)]) {
                continue;
            }
            rewritten
                    .append(markup, position, operator.start())
                    .append(OPERATORS)
                    .append('.')
                    .append(operator.group(2))
                    .append('[')
                    .append(operator.group(1))
                    .append("][")
                    .append(operator.group(3))
                    .append(']');
            position = operator.end();
        }
        return rewritten.append(markup.substring(position)).toString();
    }

    /** Filters the parser does not have → the not-emulated filter, which keeps the value (outside string literals). */
    private String withKnownFilters(String markup) {
        if (markup.indexOf('|') < 0 || parser.filters.get(NOT_EMULATED_FILTER) == null) {
            return markup;
        }
        StringBuilder rewritten = new StringBuilder();
        int position = 0;
        for (int i = 0; i < markup.length(); i++) {
            char c = markup.charAt(i);
            if (c == '\'' || c == '"') {
                int close = markup.indexOf(c, i + 1);
                i = close < 0 ? i : close;
                continue;
            }
            if (c != '|') {
                continue;
            }
            Matcher filter = FILTER_NAME.matcher(markup).region(i + 1, markup.length());
            if (!filter.lookingAt() || parser.filters.get(filter.group(2)) != null) {
                continue;
            }
            rewritten
                    .append(markup, position, i + 1)
                    .append(filter.group(1))
                    .append(NOT_EMULATED_FILTER)
                    .append(": '")
                    .append(filter.group(2))
                    .append('\'')
                    .append(filter.group(3) == null ? "" : ",");
            position = filter.end();
            i = filter.end() - 1;
        }
        return rewritten.append(markup.substring(position)).toString();
    }

    private static boolean[] quotedCharacters(String markup) {
        boolean[] quoted = new boolean[markup.length() + 1];
        char quote = 0;
        for (int i = 0; i < markup.length(); i++) {
            char c = markup.charAt(i);
            if (quote == 0 && (c == '\'' || c == '"') && markup.indexOf(c, i + 1) > 0) {
                quote = c;
                quoted[i] = true;
            } else if (quote != 0) {
                quoted[i] = true;
                if (c == quote) {
                    quote = 0;
                }
            }
        }
        return quoted;
    }

    /** The next {@code {{} or {@code {%} at or after {@code from}, or -1. */
    private int nextMarkup(int from) {
        for (int i = source.indexOf('{', from); i >= 0 && i + 1 < source.length(); i = source.indexOf('{', i + 1)) {
            char next = source.charAt(i + 1);
            if (next == '{' || next == '%') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Where the markup opened before {@code from} ends (after its {@code %}}} or {@code }}}), skipping string
     * literals as liqp's lexer does (a quote with no partner is an ordinary character), or -1 if it never ends.
     */
    private int endOfMarkup(int from, char closer) {
        for (int i = from; i + 1 < source.length(); i++) {
            char c = source.charAt(i);
            if (c == '\'' || c == '"') {
                int close = source.indexOf(c, i + 1);
                if (close > 0) {
                    i = close;
                    continue;
                }
            }
            if (c == closer && source.charAt(i + 1) == '}') {
                return i + 2;
            }
        }
        return -1;
    }

    /** The tags the parser knows: the grammar's, its insertions and their end tags. */
    private static Set<String> knownTags(TemplateParser parser) {
        Set<String> names = new HashSet<>(GRAMMAR);
        List<Insertion> insertions = new ArrayList<>(parser.insertions.values());
        for (Insertion insertion : insertions) {
            names.add(insertion.name);
            if (insertion instanceof Block) {
                names.add("end" + insertion.name);
            }
        }
        return names;
    }
}
