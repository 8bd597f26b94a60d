package dev.powerpages.emulator.appnode.liquid.tags;

import dev.powerpages.emulator.appnode.liquid.LiquidValues;
import dev.powerpages.emulator.appnode.liquid.NestedLiquid;
import dev.powerpages.emulator.appnode.liquid.TagArguments;
import java.util.Map;
import liqp.TemplateContext;
import liqp.nodes.LNode;
import liqp.tags.Tag;
import org.springframework.web.util.HtmlUtils;

/**
 * Power Pages' {@code {% editable page 'adx_copy' type: 'html', escape: false, liquid: true %}}
 * ("Dataverse Liquid tags", editable): renders a page's column, a snippet ({@code editable snippets 'Name'}) or any
 * object's member in the structure Power Pages writes for every visitor — the inline editor's metadata is added
 * only for signed-in content editors, which the emulator has none of:
 *
 * <pre>{@code <div class="xrm-editable-html xrm-attribute"><div class="xrm-attribute-value">value</div></div>}</pre>
 *
 * As xRM Portals' {@code AttributeInternal} builds it (class names prepended, so the last added comes first):
 * {@code no-value} when there is no value and no {@code default}; {@code class} adds a class; {@code tag} names the
 * elements ({@code div}); {@code type} is {@code html} or {@code text}; {@code escape: true} HTML-encodes the value
 * (class {@code xrm-attribute-value-encoded}); the value is rendered as Liquid unless {@code liquid: false}. A
 * snippet that does not exist renders the same structure, empty (its placeholder). {@code {% editable obj %}}
 * without a key (a web link set, the page) writes editing metadata only: nothing for visitors.
 */
final class EditableTag extends Tag {

    private final int maxNesting;

    EditableTag(int maxNesting) {
        super("editable");
        this.maxNesting = maxNesting;
    }

    @Override
    public Object render(TemplateContext context, LNode... nodes) {
        TagArguments arguments = TagArguments.of(context, nodes);
        if (arguments.positional().size() < 2 || arguments.positional().get(1) == null) {
            return "";
        }
        Object target = arguments.positional().get(0);
        String key = arguments.positional().get(1).toString();
        boolean snippets = target != null && target == context.get("snippets");
        Object plain = LiquidValues.plain(target, context);
        if (!snippets && !(plain instanceof Map<?, ?> map && map.containsKey(key))) {
            return "";
        }
        Object value = LiquidValues.member(plain, key, context);
        String fallback = arguments.text("default");
        String tagName = arguments.text("tag") != null && arguments.text("tag").matches("[A-Za-z][A-Za-z0-9-]*")
                ? arguments.text("tag")
                : "div";
        String type = arguments.text("type") != null && arguments.text("type").matches("[A-Za-z_-]+")
                ? arguments.text("type")
                : "html";
        StringBuilder classes = new StringBuilder("xrm-editable-").append(type).append(" xrm-attribute");
        if (value == null && fallback == null) {
            classes.append(" no-value");
        }
        if (arguments.text("class") != null && !arguments.text("class").isEmpty()) {
            classes.append(' ').append(HtmlUtils.htmlEscape(arguments.text("class")));
        }
        String text = value != null ? LiquidValues.text(value, context) : fallback == null ? "" : fallback;
        if (!Boolean.FALSE.equals(flag(arguments.named().get("liquid")))) {
            text = String.valueOf(NestedLiquid.render(context, text, Map.of(), "editable " + key, maxNesting));
        }
        boolean escape = Boolean.TRUE.equals(flag(arguments.named().get("escape")));
        return "<" + tagName + " class=\"" + classes + "\"><" + tagName + " class=\""
                + (escape ? "xrm-attribute-value-encoded xrm-attribute-value" : "xrm-attribute-value") + "\">"
                + (escape ? HtmlUtils.htmlEscape(text) : text) + "</" + tagName + "></" + tagName + ">";
    }

    /** EditableOptions' boolean attributes: a boolean, or text that parses as one. */
    private static Boolean flag(Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        if (value != null
                && ("true".equalsIgnoreCase(value.toString().strip())
                        || "false".equalsIgnoreCase(value.toString().strip()))) {
            return Boolean.valueOf(value.toString().strip().toLowerCase());
        }
        return null;
    }
}
