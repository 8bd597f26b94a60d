package dev.powerpages.emulator.appnode.liquid;

import dev.powerpages.emulator.appnode.site.WebTemplate;
import java.util.HashMap;
import java.util.Map;
import liqp.TemplateContext;
import liqp.nodes.LNode;
import liqp.tags.Tag;
import org.springframework.web.util.HtmlUtils;

/**
 * Power Pages' {@code {% include 'Web Template Name' key:value other:1 %}} (written {@code pp_include} after
 * {@link PowerPagesLiquidSyntax} has rewritten it): renders the named web template of the current snapshot — or one
 * the runtime provides ({@link BuiltInTemplate}) — with the named parameters as variables visible inside it only
 * (Power Pages' "Template tags": "these parameters will then be defined as variables in the included template"). The
 * included template also sees the including template's variables. Parameters are read as DotLiquid reads them
 * ({@link TagArguments}: commas between them optional).
 *
 * <p>A name with no template renders {@code Template "Name" not found.} in its place, as Power Pages' template file
 * system answers a missing web template (xRM Portals' {@code CompositeFileSystem}, resource
 * {@code Template_Not_Found_Exception}); the rest of the page renders.
 */
public class WebTemplateInclude extends Tag {

    static final String NAME = "pp_include";
    /** Context variable holding the snapshot's templates, set by the page renderer. */
    public static final String TEMPLATES = "__pp_web_templates";

    private final int maxNesting;

    /** @param maxNesting the node's {@code liquid.max-nesting}, checked on each included template before it is parsed */
    public WebTemplateInclude(int maxNesting) {
        super(NAME);
        this.maxNesting = maxNesting;
    }

    @Override
    public Object render(TemplateContext context, LNode... nodes) {
        TagArguments arguments = TagArguments.of(context, nodes);
        if (arguments.first() == null) {
            throw new IllegalArgumentException("include needs the name of a web template");
        }
        String name = String.valueOf(arguments.first());
        @SuppressWarnings("unchecked")
        Map<String, WebTemplate> templates = (Map<String, WebTemplate>) context.get(TEMPLATES);
        WebTemplate included = templates == null ? null : templates.get(name);
        if (included == null) {
            return "Template \"" + HtmlUtils.htmlEscape(name) + "\" not found.";
        }
        Map<String, Object> parameters = new HashMap<>(arguments.named());
        return NestedLiquid.render(context, included.source(), parameters, included.name(), maxNesting);
    }
}
