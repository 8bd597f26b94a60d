package dev.powerpages.emulator.appnode.render;

import dev.powerpages.emulator.appnode.liquid.TemplateRenderException;
import dev.powerpages.emulator.appnode.site.WebTemplate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Power Pages' template inheritance: a web template starting with {@code {% extends 'Layout' %}} is the layout
 * web template with each {@code {% block name %}…{% endblock %}} replaced by the child's block of that name; blocks
 * the child does not define keep the layout's content. Layouts may extend layouts.
 *
 * <p>Done on the source, before liqp parses it, because liqp's own {@code extends} (a Jekyll-flavoured tag) fails
 * on Power Pages templates (see LIBRARY-NOTES). The result is one Liquid source, rendered once, so blocks see the
 * same variables as the rest of the page, as in Power Pages.
 */
final class LayoutInheritance {

    static final int MAX_DEPTH = 10;
    /** Blocks inside blocks: real layouts nest a handful. */
    static final int MAX_BLOCK_DEPTH = 50;

    private static final Pattern EXTENDS = Pattern.compile(
            "\\A(?:\\s|\\{%-?\\s*comment\\s*-?%\\}.*?\\{%-?\\s*endcomment\\s*-?%\\})*\\{%-?\\s*extends\\s+(?:'([^']*)'|\"([^\"]*)\")\\s*-?%\\}",
            Pattern.DOTALL);
    private static final Pattern BLOCK_TAG =
            Pattern.compile("\\{%-?\\s*(?:block\\s+([\\w-]+)|endblock(?:\\s+[\\w-]+)?)\\s*-?%\\}");

    private LayoutInheritance() {}

    /** The templates of the chain, the page's own first, then its layout, its layout's layout… */
    static List<WebTemplate> chain(WebTemplate template, Function<String, WebTemplate> byName) {
        List<WebTemplate> chain = new ArrayList<>();
        chain.add(template);
        for (String parent = parentName(template.source());
                parent != null;
                parent = parentName(chain.get(chain.size() - 1).source())) {
            if (chain.size() > MAX_DEPTH) {
                throw new TemplateRenderException(
                        template.name(),
                        "Layouts extend each other more than " + MAX_DEPTH + " levels deep (a cycle?)",
                        0,
                        null);
            }
            WebTemplate layout = byName.apply(parent);
            if (layout == null) {
                WebTemplate child = chain.get(chain.size() - 1);
                throw new TemplateRenderException(
                        child.name(), "extends names no web template called '" + parent + "'", 1, null);
            }
            chain.add(layout);
        }
        return chain;
    }

    /** One Liquid source for the whole chain. */
    static String compose(List<WebTemplate> chain) {
        Map<String, String> overrides = new HashMap<>();
        for (int i = 0; i < chain.size() - 1; i++) {
            // The most derived template wins: earlier entries of the chain are more derived.
            WebTemplate child = chain.get(i);
            named(child, () -> blocks(withoutExtends(child.source()))).forEach(overrides::putIfAbsent);
        }
        WebTemplate root = chain.get(chain.size() - 1);
        return named(root, () -> fill(root.source(), overrides));
    }

    private static <T> T named(WebTemplate template, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (TemplateRenderException ex) {
            throw ex.templateName() != null
                    ? ex
                    : new TemplateRenderException(template.name(), ex.getMessage(), ex.line(), null);
        }
    }

    /** A template's source with its block tags removed (blank), for parsing it on its own to find an error's line. */
    static String standalone(String source) {
        return BLOCK_TAG.matcher(withoutExtendsKeepingLines(source)).replaceAll("");
    }

    static String parentName(String source) {
        Matcher matcher = EXTENDS.matcher(source);
        if (!matcher.find()) {
            return null;
        }
        return matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    }

    private static String withoutExtends(String source) {
        Matcher matcher = EXTENDS.matcher(source);
        return matcher.find() ? source.substring(matcher.end()) : source;
    }

    private static String withoutExtendsKeepingLines(String source) {
        Matcher matcher = EXTENDS.matcher(source);
        return matcher.find()
                ? source.substring(0, matcher.start())
                        + "\n".repeat((int)
                                matcher.group().chars().filter(c -> c == '\n').count())
                        + source.substring(matcher.end())
                : source;
    }

    /** Outermost blocks of a child (nested blocks travel inside their parent block's content). */
    private static Map<String, String> blocks(String source) {
        Map<String, String> blocks = new HashMap<>();
        for (Block block : scan(source)) {
            blocks.putIfAbsent(block.name, block.content(source));
            // Nested blocks may override a layout block of the same name too.
            blocks(block.content(source)).forEach(blocks::putIfAbsent);
        }
        return blocks;
    }

    /** The layout with its blocks replaced by the overrides (recursively: an override may hold blocks of its own). */
    private static String fill(String source, Map<String, String> overrides) {
        StringBuilder out = new StringBuilder();
        int position = 0;
        for (Block block : scan(source)) {
            out.append(source, position, block.start);
            String content = overrides.containsKey(block.name) ? overrides.get(block.name) : block.content(source);
            Map<String, String> rest = new HashMap<>(overrides);
            rest.remove(block.name); // a block cannot contain itself
            out.append(fill(content, rest));
            position = block.end;
        }
        return out.append(source.substring(position)).toString();
    }

    /** Top-level blocks of a source, matched with their {@code endblock} by nesting depth. */
    private static List<Block> scan(String source) {
        List<Block> blocks = new ArrayList<>();
        Matcher tag = BLOCK_TAG.matcher(source);
        int depth = 0;
        String name = null;
        int start = 0;
        int contentStart = 0;
        while (tag.find()) {
            if (tag.group(1) != null) {
                if (depth >= MAX_BLOCK_DEPTH) {
                    // Composing recurses per level and rescans each level's content: 20 000 nested blocks took
                    // 50 s and then overflowed the stack (found by LiquidFuzzTest).
                    throw new TemplateRenderException(
                            null,
                            "blocks are nested more than " + MAX_BLOCK_DEPTH + " deep",
                            lineOf(source, tag.start()),
                            null);
                }
                if (depth++ == 0) {
                    name = tag.group(1);
                    start = tag.start();
                    contentStart = tag.end();
                }
            } else if (depth > 0 && --depth == 0) {
                blocks.add(new Block(name, start, contentStart, tag.start(), tag.end()));
            }
        }
        if (depth > 0) {
            throw new TemplateRenderException(
                    null, "block '" + name + "' has no endblock", lineOf(source, start), null);
        }
        return blocks;
    }

    private static int lineOf(String source, int index) {
        return (int) source.substring(0, index).chars().filter(c -> c == '\n').count() + 1;
    }

    private record Block(String name, int start, int contentStart, int contentEnd, int end) {

        String content(String source) {
            return source.substring(contentStart, contentEnd);
        }
    }
}
