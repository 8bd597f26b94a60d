package dev.powerpages.emulator.appnode.liquid.tags;

import dev.powerpages.emulator.appnode.liquid.TagArguments;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import java.util.Map;
import java.util.UUID;
import liqp.TemplateContext;
import liqp.nodes.LNode;
import liqp.tags.Tag;
import org.springframework.web.util.HtmlUtils;

/**
 * Tags whose content comes from outside the site — a model-driven chart, Power BI, a code component: the emulator
 * writes the container Power Pages writes, without the external content (which needs Dataverse's visualisations,
 * Power BI or the component's bundle), followed by the not-emulated comment; the page renders around it.
 * <ul>
 * <li>{@code {% chart id:"…" viewid:"…" %}}: {@code <div class="crm-chart" data-chartid data-serviceurl data-viewid>}
 * as xRM Portals' {@code CrmChart} writes it (attributes in name order, GUIDs lower case, the chart builder's
 * service URL with the website id);</li>
 * <li>{@code {% powerbi path:"…" authentication_type:"…" %}}: a {@code <div class="powerbi">}, the element Power
 * Pages' documentation finds the embedded report in ({@code $(".powerbi")[0]}, "Add a Power BI report or
 * dashboard to a web page"); the {@code data-} attributes carrying the tag's parameters are the emulator's own;</li>
 * <li>{@code {% codecomponent name:… prop:value %}}: Power Pages does not document its markup; the emulator writes a
 * {@code <div class="pp-codecomponent">} with the name and properties as {@code data-} attributes.</li>
 * </ul>
 */
final class ExternalContentTags {

    private ExternalContentTags() {}

    static final class Chart extends Tag {

        private final UnsupportedLiquid unsupported;

        Chart(UnsupportedLiquid unsupported) {
            super("chart");
            this.unsupported = unsupported;
        }

        @Override
        public Object render(TemplateContext context, LNode... nodes) {
            TagArguments arguments = TagArguments.of(context, nodes);
            String comment = unsupported.use(NotEmulated.websiteId(context), "tag chart");
            UUID chart = guid(arguments.text("id"));
            if (chart == null) {
                return comment;
            }
            UUID view = guid(arguments.text("viewid"));
            String serviceUrl = arguments.text("serviceurl") != null
                    ? arguments.text("serviceurl")
                    : "/_services/visualizations/get-chart-builder?__portalScopeId__="
                            + String.valueOf(NotEmulated.websiteId(context));
            return "<div class=\"crm-chart\" data-chartid=\"" + chart + "\" data-serviceurl=\""
                    + HtmlUtils.htmlEscape(serviceUrl) + "\"" + (view == null ? "" : " data-viewid=\"" + view + "\"")
                    + "></div>" + comment;
        }
    }

    static final class PowerBi extends Tag {

        private final UnsupportedLiquid unsupported;

        PowerBi(UnsupportedLiquid unsupported) {
            super("powerbi");
            this.unsupported = unsupported;
        }

        @Override
        public Object render(TemplateContext context, LNode... nodes) {
            TagArguments arguments = TagArguments.of(context, nodes);
            StringBuilder html = new StringBuilder("<div class=\"powerbi\"");
            for (String name : new String[] {"authentication_type", "path", "tileid", "roles"}) {
                if (arguments.text(name) != null) {
                    html.append(" data-")
                            .append(name.replace('_', '-'))
                            .append("=\"")
                            .append(HtmlUtils.htmlEscape(arguments.text(name)))
                            .append('"');
                }
            }
            return html.append("></div>")
                    .append(unsupported.use(NotEmulated.websiteId(context), "tag powerbi"))
                    .toString();
        }
    }

    static final class CodeComponent extends Tag {

        private final UnsupportedLiquid unsupported;

        CodeComponent(UnsupportedLiquid unsupported) {
            super("codecomponent");
            this.unsupported = unsupported;
        }

        @Override
        public Object render(TemplateContext context, LNode... nodes) {
            TagArguments arguments = TagArguments.of(context, nodes);
            StringBuilder html = new StringBuilder("<div class=\"pp-codecomponent\"");
            for (Map.Entry<String, String> written : arguments.written().entrySet()) {
                Object value = arguments.named().get(written.getKey());
                String text = value != null ? value.toString() : written.getValue();
                String attribute = written.getKey().toLowerCase().replaceAll("[^a-z0-9_-]", "");
                html.append(" data-")
                        .append(attribute)
                        .append("=\"")
                        .append(HtmlUtils.htmlEscape(text))
                        .append('"');
            }
            return html.append("></div>")
                    .append(unsupported.use(NotEmulated.websiteId(context), "tag codecomponent"))
                    .toString();
        }
    }

    private static UUID guid(String text) {
        try {
            return text == null ? null : UUID.fromString(text.strip());
        } catch (IllegalArgumentException notAGuid) {
            return null;
        }
    }
}
