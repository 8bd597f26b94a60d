package dev.powerpages.emulator.appnode.sitemap;

import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;
import java.util.List;

/**
 * A site map node (Microsoft Learn, Liquid objects, "Site Map Node Attributes"): {@code title}, {@code url},
 * {@code description}, {@code children}, {@code parent}, {@code breadcrumbs}, {@code entity},
 * {@code is_sitemap_current}, {@code is_sitemap_ancestor}; a page's node also answers the page row's columns by
 * logical name.
 */
public class SiteMapNodeDrop extends LiquidDrop {

    private final WebPage page;

    SiteMapNodeDrop(SiteMapView view, WebPage page) {
        super(page.row(), page.displayTitle());
        this.page = page;
        value("id", page.id());
        value("name", page.name());
        value("title", page.displayTitle());
        attribute("url", () -> view.url(page));
        value("description", page.summary());
        attribute("children", () -> view.children(page));
        attribute("parent", () -> view.parent(page).map(view::node).orElse(null));
        attribute(
                "breadcrumbs",
                () -> view.ancestors(page).stream().map(view::node).toList());
        attribute(
                "entity",
                () -> page.row() == null ? null : new LiquidDrop(page.row(), page.id()).value("id", page.id()));
        attribute("is_sitemap_current", () -> view.isCurrent(page));
        attribute("is_sitemap_ancestor", () -> view.isAncestorOfCurrent(page));
        value("hidden_from_sitemap", page.hiddenFromSitemap());
    }

    /** The node of a web file: no children, its parent page as parent. */
    SiteMapNodeDrop(SiteMapView view, WebFile file) {
        super(file.row(), file.title());
        this.page = null;
        value("id", file.id());
        value("name", file.name());
        value("title", file.title());
        value("url", file.url());
        value("description", file.row() == null ? null : file.row().text("adx_summary"));
        value("children", List.of());
        attribute(
                "parent",
                () -> view.site()
                        .pages()
                        .byId(file.parentPageId())
                        .map(parent -> view.site().pages().localizedOrRoot(parent, view.language()))
                        .map(view::node)
                        .orElse(null));
        attribute(
                "breadcrumbs",
                () -> view.site()
                        .pages()
                        .byId(file.parentPageId())
                        .map(parent -> view.site().pages().localizedOrRoot(parent, view.language()))
                        .map(parent -> {
                            List<WebPage> crumbs = new java.util.ArrayList<>(view.ancestors(parent));
                            crumbs.add(parent);
                            return crumbs.stream().map(view::node).toList();
                        })
                        .orElse(List.of()));
        value("is_sitemap_current", false);
        value("is_sitemap_ancestor", false);
    }

    /** The page behind the node, {@code null} for a web file. */
    public WebPage page() {
        return page;
    }
}
