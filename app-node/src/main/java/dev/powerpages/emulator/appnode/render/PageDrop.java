package dev.powerpages.emulator.appnode.render;

import dev.powerpages.emulator.appnode.languages.LanguageObjects;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.sitemap.SiteMapNodeDrop;
import dev.powerpages.emulator.appnode.sitemap.SiteMapView;

/**
 * The Liquid {@code page} object: "combines the attributes of the sitemap and the current request entities"
 * (Microsoft Learn, Liquid objects, "page") — the current page's site map node ({@code title}, {@code url},
 * {@code parent}, {@code children}, {@code breadcrumbs}, …), every column of the page row in the visitor's language
 * ({@code adx_copy}, {@code adx_summary}, {@code createdon}, …), {@code copy}, and {@code languages}: the languages
 * the page exists in, as the {@code Languages Dropdown} template lists them. Resolved lazily, so
 * {@code page.parent.children} works without building the whole tree for every render.
 */
final class PageDrop {

    private PageDrop() {}

    static SiteMapNodeDrop of(SiteMapView view, WebPage page, RequestInfo request) {
        SiteMapNodeDrop node = view.node(page);
        node.value("copy", page.copy());
        // The column names, as {% editable page 'adx_copy' %} and page['adx_title'] address them (also for pages built
        // without a row).
        node.value("adx_name", page.name());
        node.value("adx_title", page.title());
        node.value("adx_copy", page.copy());
        node.attribute("languages", () -> LanguageObjects.pageLanguages(view.site(), page, request.query()));
        return node;
    }
}
