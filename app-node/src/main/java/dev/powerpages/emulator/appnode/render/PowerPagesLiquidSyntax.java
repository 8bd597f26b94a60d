package dev.powerpages.emulator.appnode.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the Power Pages (DotLiquid) tag forms liqp cannot parse into forms it can, before parsing. Every
 * rewrite keeps the line count, so liqp's line numbers still point into the author's source.
 * <ul>
 * <li>{@code {% include 'Name' key:value, other:1 %}} → {@code {% pp_include 'Name' key:value, other:1 %}}: liqp's
 * grammar reserves {@code include} and accepts no parameters, so the site's own tag ({@link WebTemplateInclude})
 * takes over every include;</li>
 * <li>{@code {% editable page 'adx_copy' type:'html' %}} → {@code {{ page['adx_copy'] }}}: Power Pages renders the
 * value and, for signed-in content editors only, an inline editor; visitors of the emulator are anonymous;</li>
 * <li>{@code {% substitution %}…{% endsubstitution %}}: the tags are dropped and their content rendered, which is
 * what an uncached render shows (the block exists to bypass Power Pages' output cache).</li>
 * </ul>
 */
final class PowerPagesLiquidSyntax {

    private static final Pattern INCLUDE = Pattern.compile("\\{%(-?)(\\s*)include(\\s)");
    private static final Pattern EDITABLE = Pattern.compile(
            "\\{%-?\\s*editable\\s+([A-Za-z_][\\w.]*)(?:\\s*,?\\s*('[^']*'|\"[^\"]*\"))?[^%]*?-?%\\}");
    private static final Pattern SUBSTITUTION = Pattern.compile("\\{%-?\\s*(?:end)?substitution\\s*-?%\\}");

    private PowerPagesLiquidSyntax() {
    }

    static String rewrite(String source) {
        String rewritten = INCLUDE.matcher(source).replaceAll("{%$1$2pp_include$3");
        Matcher editable = EDITABLE.matcher(rewritten);
        StringBuilder out = new StringBuilder();
        while (editable.find()) {
            String target = editable.group(2) == null ? editable.group(1) : editable.group(1) + "[" + editable.group(2) + "]";
            editable.appendReplacement(out, Matcher.quoteReplacement("{{ " + target + " }}"));
        }
        editable.appendTail(out);
        return SUBSTITUTION.matcher(out).replaceAll("");
    }
}
