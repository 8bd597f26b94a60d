package dev.powerpages.emulator.appnode.sitemap;

import dev.powerpages.emulator.appnode.liquid.LiquidDrop;

/**
 * Power Pages' {@code sitemap} object: {@code sitemap.current}, {@code sitemap.root}, and the node of any page by its
 * URL ({@code {% assign node = sitemap['/content/page1/'] %}}, null when no page is there).
 */
final class SitemapObject extends LiquidDrop {

    private final SiteMapView view;

    SitemapObject(SiteMapView view) {
        super(null, "sitemap");
        this.view = view;
        attribute("current", () -> view.current() == null ? null : view.node(view.current()));
        attribute("root", () -> view.root().map(view::node).orElse(null));
    }

    @Override
    public boolean containsKey(Object key) {
        return super.containsKey(key)
                || key instanceof String url
                        && url.startsWith("/")
                        && view.pageAt(url).isPresent();
    }

    @Override
    public Object get(Object key) {
        if (super.containsKey(key)) {
            return super.get(key);
        }
        if (key instanceof String url && url.startsWith("/")) {
            return view.pageAt(url).map(view::node).orElse(null);
        }
        return null;
    }
}
