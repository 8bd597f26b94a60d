package dev.powerpages.emulator.appnode.liquid.templates;

import dev.powerpages.emulator.appnode.liquid.BuiltInTemplate;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Web templates the Power Pages runtime provides and sites include or extend without having them (their names are
 * lower case with underscores, Power Pages' "Liquid templates"): {@code snippet}, the page layouts
 * ({@code layout_1_column}, {@code layout_2_column_wide_left}, {@code layout_2_column_wide_right},
 * {@code layout_3_column_wide_middle}) with their blocks ({@code activebreadcrumb}, {@code title}, {@code main},
 * {@code aside}, {@code left_aside}, {@code right_aside}), {@code page_header}, {@code page_copy} and
 * {@code breadcrumbs}. The block names and the Bootstrap 3 classes sites' CSS targets ({@code page-heading},
 * {@code breadcrumb}, {@code page-header}, {@code page-copy}, {@code left-column} …) are those of xRM Portals'
 * templates, the ones Power Pages grew from; a site's own template of the same name wins.
 */
@Configuration(proxyBeanMethods = false)
public class RuntimeTemplates {

    private static final String BREADCRUMBS =
            "<ul class=\"breadcrumb\">{% for crumb in page.breadcrumbs -%}<li><a href=\"{{ crumb.url | h }}\" "
                    + "title=\"{{ crumb.title | h }}\">{{ crumb.title | truncate: 24 | h }}</a></li>{% endfor -%}"
                    + "<li class=\"active\">{% block activebreadcrumb %}{{ page.title | h }}{% endblock %}</li></ul>";
    private static final String PAGE_HEADER =
            "<div class=\"page-header\"><h1>{{ page.title | h }}{% block title %}{% endblock %}</h1></div>";
    private static final String MAIN = "{% block main %}{% include 'page_copy' %}{% endblock %}";

    /**
     * {@code {% include 'snippet' snippet_name:'Name' %}}: the content snippet as {@code editable} renders it, nothing
     * without a name; the include's other parameters are visible to the snippet's Liquid, so a snippet can be a small
     * component ({@code include 'snippet' snippet_name:'Text Input' label:'Title'}).
     */
    @Bean
    public BuiltInTemplate snippetTemplate() {
        return new RuntimeTemplate(
                "snippet", "{% if snippet_name %}{% editable snippets snippet_name type: 'html' %}{% endif %}");
    }

    /** The page's copy, editable, rendered as Liquid. */
    @Bean
    public BuiltInTemplate pageCopyTemplate() {
        return new RuntimeTemplate(
                "page_copy", "{% editable page 'adx_copy' type: 'html', liquid: true, class: 'page-copy' %}");
    }

    @Bean
    public BuiltInTemplate pageHeaderTemplate() {
        return new RuntimeTemplate("page_header", PAGE_HEADER);
    }

    @Bean
    public BuiltInTemplate breadcrumbsTemplate() {
        return new RuntimeTemplate("breadcrumbs", BREADCRUMBS);
    }

    @Bean
    public BuiltInTemplate oneColumnLayout() {
        return layout("layout_1_column", "<div class=\"col-md-12\">" + MAIN + "</div>");
    }

    @Bean
    public BuiltInTemplate twoColumnWideLeftLayout() {
        return layout(
                "layout_2_column_wide_left",
                "<div class=\"col-sm-8 col-lg-9 left-column\">" + MAIN
                        + "</div><div class=\"col-sm-4 col-lg-3 right-column\">{% block aside %}{% endblock %}</div>");
    }

    @Bean
    public BuiltInTemplate twoColumnWideRightLayout() {
        return layout(
                "layout_2_column_wide_right",
                "<div class=\"col-sm-4 col-lg-3 left-column\">{% block aside %}{% endblock %}</div>"
                        + "<div class=\"col-sm-8 col-lg-9 right-column\">" + MAIN + "</div>");
    }

    @Bean
    public BuiltInTemplate threeColumnLayout() {
        return layout(
                "layout_3_column_wide_middle",
                "<div class=\"col-md-3 left-column\">{% block left_aside %}{% endblock %}</div>"
                        + "<div class=\"col-md-6 middle-column\">" + MAIN + "</div>"
                        + "<div class=\"col-md-3 right-column\">{% block right_aside %}{% endblock %}</div>");
    }

    /** All of them, as the Spring context has them (for renderers built without it). */
    public static List<BuiltInTemplate> all() {
        RuntimeTemplates templates = new RuntimeTemplates();
        return List.of(
                templates.snippetTemplate(),
                templates.pageCopyTemplate(),
                templates.pageHeaderTemplate(),
                templates.breadcrumbsTemplate(),
                templates.oneColumnLayout(),
                templates.twoColumnWideLeftLayout(),
                templates.twoColumnWideRightLayout(),
                templates.threeColumnLayout());
    }

    /** A layout: the heading (breadcrumbs and title, each a block) above a row of columns. */
    private static BuiltInTemplate layout(String name, String columns) {
        return new RuntimeTemplate(
                name,
                "<div class=\"container\"><div class=\"page-heading\">" + BREADCRUMBS + PAGE_HEADER
                        + "</div><div class=\"row\">" + columns + "</div></div>");
    }

    /** A built-in template: its name and Liquid source. */
    public record RuntimeTemplate(String name, String source) implements BuiltInTemplate {}
}
