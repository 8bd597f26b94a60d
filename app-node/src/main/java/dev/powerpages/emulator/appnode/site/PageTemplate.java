package dev.powerpages.emulator.appnode.site;

/**
 * A row of {@code adx_pagetemplates}: how the pages that use it are rendered.
 *
 * <p>Power Pages knows two types ({@code adx_type}): <b>Web Template</b> (756150001) renders the template's web
 * template; <b>Rewrite</b> (756150000) hands the page to one of the runtime's own pages named by
 * {@code adx_rewriteurl} ({@code ~/Pages/AccessDenied.aspx}, {@code ~/Pages/Search.aspx}, …). As in the portal
 * runtime, a template renders its web template only when it is of type Web Template and names one; a template
 * without a type that names a web template and no rewrite URL (older data) renders the web template too.
 *
 * @param useWebsiteHeaderAndFooter {@code adx_usewebsiteheaderandfooter}: the page is wrapped in the site's layout with
 *                                  the website's header and footer web templates (Power Pages' default: true)
 */
public record PageTemplate(
        String id,
        String name,
        String webTemplateId,
        Integer type,
        String rewriteUrl,
        boolean useWebsiteHeaderAndFooter) {

    public static final int REWRITE = 756150000;
    public static final int WEB_TEMPLATE = 756150001;

    /** A web template page template whose pages render without the website's header and footer (older callers). */
    public PageTemplate(String id, String name, String webTemplateId) {
        this(id, name, webTemplateId, WEB_TEMPLATE, null, false);
    }

    /** Whether the page renders the web template ({@code false}: the rewrite URL's runtime page). */
    public boolean rendersWebTemplate() {
        if (webTemplateId == null) {
            return false;
        }
        if (type == null) {
            return rewriteUrl == null || rewriteUrl.isBlank();
        }
        // A component's content may hold the type as its ordinal (1 Rewrite, 2 Web Template).
        return type == WEB_TEMPLATE || type == 2;
    }
}
