package dev.powerpages.emulator.appnode.sitemap;

import dev.powerpages.emulator.appnode.access.PageAccess;
import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The site map as one visitor sees it during one render (Power Pages' {@code sitemap} object and the site map nodes
 * behind {@code page}, {@code page.children}, {@code page.parent}, {@code page.breadcrumbs}): pages in the visitor's
 * language, with URLs in the form the site uses, without the pages the visitor may not read.
 *
 * <p>As the portal's site map provider builds it ({@code ContentMapCrmSiteMapProvider}): the root node is the page of
 * the site marker <i>Home</i> (else the page at {@code /}); a node's children are its child pages that exist in the
 * visitor's language, are published, not hidden from the site map and readable by the visitor, followed — in one
 * display order — by its web files not hidden from the site map; its parent is the parent page in the visitor's
 * language (the root page where it has no translation); breadcrumbs run from the root node down to the parent.
 */
public final class SiteMapView {

    private final SiteSnapshot site;
    private final WebsiteLanguage language;
    private final SiteUser user;
    private final WebPage current;

    /**
     * @param current the page being rendered (in the visitor's language), or {@code null}
     */
    public SiteMapView(SiteSnapshot site, WebsiteLanguage language, SiteUser user, WebPage current) {
        this.site = site;
        this.language = language;
        this.user = user;
        this.current = current;
    }

    public SiteSnapshot site() {
        return site;
    }

    public WebsiteLanguage language() {
        return language;
    }

    public SiteUser user() {
        return user;
    }

    public WebPage current() {
        return current;
    }

    /** The Liquid {@code sitemap} object: {@code current}, {@code root} and nodes by URL ({@code sitemap['/about/']}). */
    public LiquidDrop sitemapObject() {
        return new SitemapObject(this);
    }

    /** The node of a page (shown in the visitor's language). */
    public SiteMapNodeDrop node(WebPage page) {
        return new SiteMapNodeDrop(this, page);
    }

    public Optional<WebPage> root() {
        Optional<WebPage> home = site.siteMarkerPage("Home")
                .or(() -> site.pages().atUrl("/").stream().filter(WebPage::root).findFirst());
        return home.map(page -> site.pages().localizedOrRoot(page, language)).filter(WebPage::published);
    }

    /** The node at a site-relative URL (with or without the visitor's language code), if it is served. */
    public Optional<WebPage> pageAt(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String path = url.strip();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (language != null && language.code() != null) {
            String prefix = "/" + language.code().toLowerCase(Locale.ROOT);
            String lower = path.toLowerCase(Locale.ROOT);
            if (lower.equals(prefix) || lower.startsWith(prefix + "/")) {
                path = path.substring(prefix.length());
            }
        }
        if (path.isEmpty()) {
            path = "/";
        }
        if (!path.endsWith("/")) {
            path = path + "/";
        }
        return site.pages().find(path, language).filter(this::visible);
    }

    /** The children a visitor sees, pages then web files, in display order. */
    List<Object> children(WebPage page) {
        record Child(int order, String title, Object node) {}
        List<Child> children = new ArrayList<>();
        for (WebPage child : site.pages().children(page)) {
            site.pages()
                    .localized(child, language)
                    .filter(localized -> !localized.hiddenFromSitemap() && visible(localized))
                    .ifPresent(localized -> children.add(
                            new Child(localized.displayOrder(), localized.displayTitle(), node(localized))));
        }
        for (WebFile file : site.pages().webFiles(page)) {
            if (!file.hiddenFromSitemap() && PageAccess.canRead(site, file, user)) {
                children.add(new Child(file.displayOrder(), file.title(), new SiteMapNodeDrop(this, file)));
            }
        }
        children.sort(java.util.Comparator.comparingInt(Child::order)
                .thenComparing(Child::title, java.util.Comparator.nullsLast(String::compareTo)));
        return children.stream().map(Child::node).toList();
    }

    Optional<WebPage> parent(WebPage page) {
        return site.pages()
                .parent(site.pages().rootOf(page))
                .map(parent -> site.pages().localizedOrRoot(parent, language))
                .filter(WebPage::published);
    }

    /** Ancestors from the root node down to the parent. */
    List<WebPage> ancestors(WebPage page) {
        List<WebPage> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        seen.add(page.id());
        for (Optional<WebPage> parent = parent(page);
                parent.isPresent() && seen.add(parent.get().id());
                parent = parent(parent.get())) {
            ancestors.add(0, parent.get());
        }
        return ancestors;
    }

    String url(WebPage page) {
        return site.urlOf(page, language);
    }

    boolean isCurrent(WebPage page) {
        return current != null
                && site.pages()
                        .rootOf(current)
                        .id()
                        .equalsIgnoreCase(site.pages().rootOf(page).id());
    }

    boolean isAncestorOfCurrent(WebPage page) {
        if (current == null) {
            return false;
        }
        String root = site.pages().rootOf(page).id();
        return ancestors(current).stream()
                .anyMatch(ancestor -> site.pages().rootOf(ancestor).id().equalsIgnoreCase(root));
    }

    /** Whether a URL names the current page or one of its ancestors (for web links). */
    boolean urlIsCurrent(String url) {
        return current != null && pageAt(url).filter(this::isCurrent).isPresent();
    }

    boolean urlIsAncestorOfCurrent(String url) {
        return current != null && pageAt(url).filter(this::isAncestorOfCurrent).isPresent();
    }

    private boolean visible(WebPage page) {
        return page.published() && PageAccess.canRead(site, page, user);
    }
}
