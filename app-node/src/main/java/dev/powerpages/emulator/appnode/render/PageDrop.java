package dev.powerpages.emulator.appnode.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;
import liqp.parser.LiquidSupport;

/**
 * The Liquid {@code page} object (Power Pages' page/sitemap node): {@code id}, {@code name}, {@code title},
 * {@code copy}, {@code url}, {@code parent}, {@code children}, {@code breadcrumbs}. Resolved lazily by liqp, so
 * {@code page.parent.children} works without building the whole tree for every render.
 */
record PageDrop(SiteSnapshot site, WebPage page) implements LiquidSupport {

    @Override
    public Map<String, Object> toLiquid() {
        Map<String, Object> values = new HashMap<>();
        values.put("id", page.id());
        values.put("name", page.name());
        values.put("title", page.title() != null ? page.title() : page.name());
        values.put("copy", page.copy());
        values.put("url", page.url());
        values.put("hidden_from_sitemap", page.hiddenFromSitemap());
        // The column names, as {% editable page 'adx_copy' %} and page['adx_title'] address them.
        values.put("adx_name", page.name());
        values.put("adx_title", page.title());
        values.put("adx_copy", page.copy());
        site.page(page.parentId()).filter(WebPage::published)
                .ifPresent(parent -> values.put("parent", new PageDrop(site, parent)));
        // Sitemap semantics: children a visitor can see, in display order.
        values.put("children", site.children(page.id()).stream()
                .filter(child -> child.published() && !child.hiddenFromSitemap())
                .map(child -> new PageDrop(site, child))
                .toList());
        values.put("breadcrumbs", breadcrumbs());
        return values;
    }

    /** Ancestors from the home page down to the parent; the current page is not a breadcrumb. */
    private List<PageDrop> breadcrumbs() {
        List<PageDrop> crumbs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WebPage ancestor = site.page(page.parentId()).orElse(null); ancestor != null && seen.add(ancestor.id());
                ancestor = site.page(ancestor.parentId()).orElse(null)) {
            crumbs.add(0, new PageDrop(site, ancestor));
        }
        return crumbs;
    }
}
