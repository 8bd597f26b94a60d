package dev.powerpages.emulator.appnode.limits;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How deeply a Liquid source nests block tags ({@code if}, {@code for}, {@code capture} …) and brackets inside its
 * tags, found by one linear scan before liqp parses it. liqp's ANTLR parser recurses per level: 30 000 nested
 * {@code (} took 25 s to end in a stack overflow, 30 000 nested {@code if} overflow the stack of a request thread
 * (both found by LiquidFuzzTest). Real templates nest a handful of levels.
 */
public final class LiquidNesting {

    private static final Pattern TAG = Pattern.compile("\\{%-?\\s*(end)?([a-z_]+)");
    private static final Set<String> BLOCKS = Set.of(
            "if",
            "unless",
            "for",
            "case",
            "capture",
            "tablerow",
            "comment",
            "raw",
            "block",
            "substitution",
            "fetchxml",
            "entitylist",
            "entityview",
            "searchindex",
            "ifchanged");

    private LiquidNesting() {}

    /** @return why the source nests too deeply, or {@code null} when it is fine */
    public static String problem(String source, int maxDepth) {
        int depth = 0;
        Matcher tag = TAG.matcher(source);
        while (tag.find()) {
            if (!BLOCKS.contains(tag.group(2))) {
                continue;
            }
            depth += tag.group(1) == null ? 1 : -1;
            if (depth > maxDepth) {
                return "block tags are nested more than " + maxDepth + " deep (liquid.max-nesting)";
            }
        }
        int brackets = 0;
        boolean inMarkup = false;
        for (int i = 0; i + 1 < source.length(); i++) {
            char c = source.charAt(i);
            char next = source.charAt(i + 1);
            if (!inMarkup && c == '{' && (next == '{' || next == '%')) {
                inMarkup = true;
                brackets = 0;
                i++;
            } else if (inMarkup && (c == '}' || c == '%') && next == '}') {
                inMarkup = false;
                i++;
            } else if (inMarkup && (c == '(' || c == '[')) {
                if (++brackets > maxDepth) {
                    return "brackets in a tag are nested more than " + maxDepth + " deep (liquid.max-nesting)";
                }
            } else if (inMarkup && (c == ')' || c == ']')) {
                brackets--;
            }
        }
        return null;
    }
}
