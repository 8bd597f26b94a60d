package dev.powerpages.emulator.waf.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Reads rule files written in a subset of ModSecurity's SecLang (documented in docs/waf.md):
 * {@code SecRule VARIABLES "OPERATOR" "ACTIONS"} with line continuations, chains, and the actions
 * {@code id, msg, severity, t:, tag:'group/…', chain, multiMatch}; other directives and actions
 * are ignored, as they concern state this engine does not keep.
 */
public final class SecLangParser {

    private final Function<String, List<String>> dataFiles;

    private final boolean prefilter;

    /** Each distinct target list, once (see {@link RuleEngine}'s selections). */
    private final Map<List<Variable>, List<Variable>> targetLists = new HashMap<>();

    /** @param dataFiles the lines of a data file that {@code @pmFromFile} names */
    public SecLangParser(Function<String, List<String>> dataFiles) {
        this(dataFiles, true);
    }

    /** @param prefilter false only in tests that compare verdicts without the regex prefilter */
    SecLangParser(Function<String, List<String>> dataFiles, boolean prefilter) {
        this.dataFiles = dataFiles;
        this.prefilter = prefilter;
    }

    public List<WafRule> parse(String text, String source) {
        List<WafRule> rules = new ArrayList<>();
        List<Directive> chain = new ArrayList<>();
        for (String line : logicalLines(text)) {
            if (!line.startsWith("SecRule ")) {
                continue;
            }
            Directive directive;
            try {
                directive = directive(line);
            } catch (RuntimeException invalid) {
                throw new IllegalArgumentException(
                        source + ": " + invalid.getMessage() + " in: " + abbreviate(line), invalid);
            }
            chain.add(directive);
            if (!directive.actions().chain()) {
                rules.add(link(chain, source));
                chain.clear();
            }
        }
        if (!chain.isEmpty()) {
            throw new IllegalArgumentException(source + ": a chain ends without its last rule");
        }
        return rules;
    }

    private WafRule link(List<Directive> chain, String source) {
        WafRule next = null;
        for (int i = chain.size() - 1; i >= 1; i--) {
            Directive link = chain.get(i);
            next = new WafRule(
                    null,
                    null,
                    null,
                    null,
                    link.variables(),
                    link.operator(),
                    link.actions().transformations(),
                    link.actions().multiMatch(),
                    next,
                    source);
        }
        Directive head = chain.get(0);
        Actions actions = head.actions();
        if (actions.id() == null || actions.severity() == null || actions.group() == null) {
            throw new IllegalArgumentException(
                    source + ": a rule needs id, severity and tag:'group/…' (rule " + actions.id() + ")");
        }
        return new WafRule(
                actions.id(),
                actions.group(),
                actions.message(),
                actions.severity(),
                head.variables(),
                head.operator(),
                actions.transformations(),
                actions.multiMatch(),
                next,
                source);
    }

    private static List<String> logicalLines(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1);
                continue;
            }
            current.append(line);
            lines.add(current.toString());
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            lines.add(current.toString());
        }
        return lines;
    }

    private Directive directive(String line) {
        Cursor cursor = new Cursor(line, "SecRule ".length());
        String variables = cursor.token();
        String operator = cursor.token();
        String actions = cursor.atEnd() ? "" : cursor.token();
        // Equal target lists are one instance, which the engine's per-request selection of items is keyed by.
        return new Directive(
                targetLists.computeIfAbsent(variables(variables), list -> list),
                Operators.parse(operator, dataFiles, prefilter),
                actions(actions));
    }

    static List<Variable> variables(String text) {
        List<Variable> variables = new ArrayList<>();
        for (String part : splitOutsideSlashes(text)) {
            boolean exclusion = part.startsWith("!");
            boolean count = part.startsWith("&");
            String spec = (exclusion || count) ? part.substring(1) : part;
            int colon = spec.indexOf(':');
            String collection = (colon < 0 ? spec : spec.substring(0, colon)).toUpperCase(Locale.ROOT);
            String selector = colon < 0 ? null : spec.substring(colon + 1);
            Pattern pattern = null;
            if (selector != null && selector.length() > 1 && selector.startsWith("/") && selector.endsWith("/")) {
                pattern = Pattern.compile(selector.substring(1, selector.length() - 1), Pattern.CASE_INSENSITIVE);
                selector = null;
            } else if (selector != null
                    && selector.startsWith("'")
                    && selector.endsWith("'")
                    && selector.length() > 1) {
                selector = selector.substring(1, selector.length() - 1);
            }
            variables.add(new Variable(collection, selector, pattern, exclusion, count));
        }
        return variables;
    }

    /** Splits on '|' except inside a /regex/ selector (XML:/* and XML://@* are XPath, not regexes). */
    private static List<String> splitOutsideSlashes(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder pending = null;
        for (String piece : text.split("\\|", -1)) {
            if (pending != null) {
                pending.append('|').append(piece);
                if (piece.endsWith("/")) {
                    parts.add(pending.toString());
                    pending = null;
                }
                continue;
            }
            int colon = piece.indexOf(':');
            String selector = colon < 0 ? "" : piece.substring(colon + 1);
            boolean openRegex = selector.startsWith("/")
                    && !selector.startsWith("/*")
                    && !selector.startsWith("//")
                    && (selector.length() == 1 || !selector.endsWith("/"));
            if (openRegex) {
                pending = new StringBuilder(piece);
            } else {
                parts.add(piece);
            }
        }
        if (pending != null) {
            parts.add(pending.toString());
        }
        return parts;
    }

    private static Actions actions(String text) {
        String id = null;
        String message = null;
        Severity severity = null;
        String group = null;
        boolean chain = false;
        boolean multiMatch = false;
        List<UnaryOperator<String>> transformations = new ArrayList<>();
        for (String action : splitActions(text)) {
            int colon = action.indexOf(':');
            String name =
                    (colon < 0 ? action : action.substring(0, colon)).strip().toLowerCase(Locale.ROOT);
            String value = colon < 0 ? "" : unquote(action.substring(colon + 1).strip());
            switch (name) {
                case "id" -> id = value;
                case "msg" -> message = value;
                case "severity" -> severity = Severity.parse(value);
                case "tag" -> {
                    if (value.startsWith("group/")) {
                        group = value.substring("group/".length());
                    }
                }
                case "chain" -> chain = true;
                case "multimatch" -> multiMatch = true;
                case "t" -> {
                    if (value.equalsIgnoreCase("none")) {
                        transformations.clear();
                    } else {
                        UnaryOperator<String> function = Transformations.named(value);
                        if (function == null) {
                            throw new IllegalArgumentException("Unsupported transformation t:" + value);
                        }
                        // A function that leaves every value as it is (t:utf8toUnicode here: values are already
                        // decoded Java strings) is left out of the chain, so that chains differing only by it share
                        // the engine's per-request cache of transformed values (RuleEngine.Evaluation.transform):
                        // the CRS writes t:utf8toUnicode,t:urlDecodeUni,… in some rules and t:urlDecodeUni,… in
                        // others. A multiMatch rule is unaffected: an unchanged value is not tested again.
                        if (function != Transformations.IDENTITY) {
                            transformations.add(function);
                        }
                    }
                }
                default -> {
                    // phase, block, capture, logdata, ver, setvar…: not used by this engine.
                }
            }
        }
        return new Actions(id, message, severity, group, chain, multiMatch, List.copyOf(transformations));
    }

    private static List<String> splitActions(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().strip());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        if (!current.toString().isBlank()) {
            parts.add(current.toString().strip());
        }
        return parts;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("'") && value.endsWith("'")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private record Directive(List<Variable> variables, Operator operator, Actions actions) {}

    private record Actions(
            String id,
            String message,
            Severity severity,
            String group,
            boolean chain,
            boolean multiMatch,
            List<UnaryOperator<String>> transformations) {}

    /** Reads whitespace-separated tokens, a double-quoted token keeping backslash escapes except \". */
    private static final class Cursor {

        private final String text;

        private int position;

        Cursor(String text, int position) {
            this.text = text;
            this.position = position;
        }

        boolean atEnd() {
            skipSpaces();
            return position >= text.length();
        }

        String token() {
            skipSpaces();
            if (position >= text.length()) {
                throw new IllegalArgumentException("missing part of the rule");
            }
            StringBuilder token = new StringBuilder();
            if (text.charAt(position) == '"') {
                position++;
                while (position < text.length() && text.charAt(position) != '"') {
                    char c = text.charAt(position);
                    if (c == '\\' && position + 1 < text.length() && text.charAt(position + 1) == '"') {
                        token.append('"');
                        position += 2;
                        continue;
                    }
                    token.append(c);
                    position++;
                }
                if (position >= text.length()) {
                    throw new IllegalArgumentException("unterminated quote");
                }
                position++;
                return token.toString();
            }
            while (position < text.length() && !Character.isWhitespace(text.charAt(position))) {
                token.append(text.charAt(position++));
            }
            return token.toString();
        }

        private void skipSpaces() {
            while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
                position++;
            }
        }
    }
}
