package dev.powerpages.emulator.sitefolder.yaml;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Decides what a plain (unquoted) scalar in a site folder's YAML is: a boolean, an integer, a decimal or null only
 * where its text is exactly that type's canonical form, and text otherwise.
 *
 * <p>Why not YAML 1.1 (SnakeYAML's default) or the 1.2 core schema: {@code pac} writes its YAML with YamlDotNet,
 * which leaves a text column's value unquoted even when it looks like another type ({@code adx_value: True},
 * {@code adx_value: 0012}, {@code adx_changeddate: 2022-11-23T13:34:37.0000000Z}). Reading those as a boolean, the
 * integer 12 or a date would lose what the row holds. A value read as typed here prints back as the same text, and
 * anything else stays the text as written, so read then write changes nothing. Booleans pac writes in lower case
 * ({@code true}, {@code false}); {@code True} is therefore a text column's value.
 *
 * <p>The same resolver serves the writer: SnakeYAML quotes a string only where this resolver would read it back as
 * another type, which is how pac's files look (quotes only where needed).
 */
final class CanonicalResolver extends Resolver {

    static final Pattern BOOLEAN = Pattern.compile("^(?:true|false)$");
    static final Pattern INTEGER = Pattern.compile("^(?:0|-?[1-9][0-9]*)$");
    static final Pattern DECIMAL = Pattern.compile("^-?(?:0|[1-9][0-9]*)\\.[0-9]+$");
    static final Pattern NULL_WORD = Pattern.compile("^(?:~|null)$");
    static final Pattern EMPTY = Pattern.compile("^$");

    @Override
    protected void addImplicitResolvers() {
        addImplicitResolver(Tag.BOOL, BOOLEAN, "tf");
        addImplicitResolver(Tag.INT, INTEGER, "-0123456789");
        addImplicitResolver(Tag.FLOAT, DECIMAL, "-0123456789");
        addImplicitResolver(Tag.NULL, NULL_WORD, "~n");
        addImplicitResolver(Tag.NULL, EMPTY, null);
    }
}
