package dev.powerpages.emulator.appnode.sitemap;

import dev.powerpages.emulator.appnode.access.PageAccess;
import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import dev.powerpages.emulator.appnode.site.WebLink;
import dev.powerpages.emulator.appnode.site.WebLinkSet;
import dev.powerpages.emulator.appnode.site.WebPage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Power Pages' {@code weblinks} and {@code sitemarkers} objects (Microsoft Learn, Liquid objects).
 *
 * <p>{@code weblinks[name or id]} is a web link set of the visitor's language: {@code id}, {@code name},
 * {@code title}, {@code copy}, {@code weblinks}, and its row's columns. A web link has {@code name}, {@code url},
 * {@code description}, {@code tooltip}, {@code image} ({@code url}, {@code alternate_text}, {@code width},
 * {@code height}; null without an image URL), {@code display_image_only}, {@code display_page_child_links},
 * {@code is_external}, {@code nofollow}, {@code open_in_new_window}, {@code is_sitemap_current},
 * {@code is_sitemap_ancestor} and its child {@code weblinks}. A link to a page the visitor may not read is left out
 * (unless the link disables page validation), as the portal's link adapter asserts read access on each link.
 * Following the runtime, {@code tooltip} is the link's name.
 *
 * <p>{@code sitemarkers[name]} is the marker's page: {@code url} (in the visitor's language and URL form),
 * {@code id}, {@code name}, and the page row's columns; null when the page is not served.
 */
public final class NavigationObjects {

    private NavigationObjects() {}

    public static LiquidDrop webLinks(SiteMapView view) {
        Map<String, WebLinkSet> sets = view.site().webLinkSets(view.language());
        Map<String, WebLinkSet> byId = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sets.values().forEach(set -> {
            if (set.id() != null) {
                byId.put(set.id(), set);
            }
        });
        return new LiquidDrop(null, "weblinks") {
            @Override
            public boolean containsKey(Object key) {
                return key instanceof String name && (sets.containsKey(name) || byId.containsKey(name));
            }

            @Override
            public Object get(Object key) {
                if (!(key instanceof String name)) {
                    return null;
                }
                WebLinkSet set = sets.containsKey(name) ? sets.get(name) : byId.get(name);
                return set == null ? null : set(view, set);
            }

            @Override
            public java.util.Set<Entry<String, Object>> entrySet() {
                Map<String, Object> all = new java.util.LinkedHashMap<>();
                sets.forEach((name, set) -> all.put(name, set(view, set)));
                return all.entrySet();
            }
        };
    }

    private static LiquidDrop set(SiteMapView view, WebLinkSet set) {
        return new LiquidDrop(set.row(), set.name())
                .value("id", set.id())
                .value("name", set.name())
                .value("title", set.title())
                .value("copy", set.copy())
                .attribute("weblinks", () -> links(view, set.links()));
    }

    private static List<LiquidDrop> links(SiteMapView view, List<WebLink> links) {
        List<LiquidDrop> visible = new ArrayList<>();
        for (WebLink link : links) {
            if (link.validatePage() && link.pageId() != null && !readable(view, link.pageId())) {
                continue;
            }
            visible.add(link(view, link));
        }
        return visible;
    }

    private static boolean readable(SiteMapView view, String pageId) {
        WebPage page = view.site().pages().byId(pageId).orElse(null);
        return page != null && PageAccess.canRead(view.site(), page, view.user());
    }

    private static LiquidDrop link(SiteMapView view, WebLink link) {
        LiquidDrop image = link.imageUrl() == null || link.imageUrl().isBlank()
                ? null
                : new LiquidDrop(null, link.imageUrl())
                        .value("url", link.imageUrl())
                        .value("alternate_text", link.imageAlternateText())
                        .value("width", link.imageWidth())
                        .value("height", link.imageHeight());
        return new LiquidDrop(link.row(), link.name())
                .value("id", link.id())
                .value("name", link.name())
                .value("url", link.url())
                .value("description", link.description())
                .value("tooltip", link.name())
                .value("image", image)
                .value("display_image_only", link.displayImageOnly())
                .value("display_page_child_links", link.displayPageChildLinks())
                .value("is_external", link.external())
                .value("nofollow", link.noFollow())
                .value("open_in_new_window", link.openInNewWindow())
                .attribute("is_sitemap_current", () -> !link.external() && view.urlIsCurrent(link.url()))
                .attribute("is_sitemap_ancestor", () -> !link.external() && view.urlIsAncestorOfCurrent(link.url()))
                .attribute("weblinks", () -> links(view, link.children()));
    }

    public static LiquidDrop siteMarkers(SiteMapView view) {
        Map<String, Object> markers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        view.site()
                .siteMarkerPageIds()
                .forEach((name, pageId) -> view.site()
                        .pages()
                        .byId(pageId)
                        .flatMap(page -> view.site().pages().localized(page, view.language()))
                        .filter(WebPage::published)
                        .ifPresent(target -> markers.put(
                                name,
                                new LiquidDrop(target.row(), view.url(target))
                                        .value("name", name)
                                        .value("url", view.url(target))
                                        .value("id", target.id()))));
        LiquidDrop object = new LiquidDrop(null, "sitemarkers");
        markers.forEach(object::value);
        return object;
    }
}
