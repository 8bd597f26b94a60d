package dev.powerpages.emulator.appnode.site;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The site's pages as Power Pages' site map sees them: root pages joined by their parents, each with its content
 * pages per language, and the web files hanging off each root page.
 *
 * <p>Looking a URL up follows the portal runtime's content map ({@code ContentMapUrlMapping}, open-sourced as
 * xRM Portals Community Edition): among the active pages whose URL it is, a site without languages takes the
 * page; a multilingual site takes the content page of the visitor's language, or the root page where the page has
 * no content pages at all; a content page whose root is deactivated is not found. Only published pages are served.
 */
public final class SitePages {

    public static final SitePages EMPTY = new SitePages(List.of(), List.of());

    private final Map<String, WebPage> byId = new HashMap<>();
    private final Map<String, List<WebPage>> byUrl = new HashMap<>();
    private final Map<String, List<WebPage>> rootChildren = new HashMap<>();
    private final Map<String, List<WebPage>> contentPages = new HashMap<>();
    private final Map<String, List<WebFile>> files = new HashMap<>();

    /**
     * @param pages every page row (deactivated ones included: a content page's root may be one)
     * @param webFiles the web files that are served
     */
    public SitePages(Collection<WebPage> pages, Collection<WebFile> webFiles) {
        for (WebPage page : pages) {
            byId.putIfAbsent(page.id(), page);
        }
        for (WebPage page : pages) {
            if (!page.active()) {
                continue;
            }
            byUrl.computeIfAbsent(key(page.url()), url -> new ArrayList<>()).add(page);
            if (page.root() && page.parentId() != null) {
                rootChildren
                        .computeIfAbsent(page.parentId(), id -> new ArrayList<>())
                        .add(page);
            }
            if (!page.root() && page.rootId() != null) {
                contentPages
                        .computeIfAbsent(page.rootId(), id -> new ArrayList<>())
                        .add(page);
            }
        }
        rootChildren.replaceAll(
                (id, list) -> list.stream().sorted(SiteSnapshot.DISPLAY_ORDER).toList());
        for (WebFile file : webFiles) {
            if (file.parentPageId() != null) {
                files.computeIfAbsent(file.parentPageId(), id -> new ArrayList<>())
                        .add(file);
            }
        }
    }

    public Optional<WebPage> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * The published page served at a URL for a visitor of {@code language} ({@code null} on a site without
     * languages).
     */
    public Optional<WebPage> find(String url, WebsiteLanguage language) {
        List<WebPage> candidates = byUrl.getOrDefault(key(url), List.of());
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        List<WebPage> contents =
                candidates.stream().filter(page -> !page.root()).toList();
        if (language == null || contents.isEmpty()) {
            // Published pages win a URL clash with a draft of the same URL.
            return candidates.stream()
                    .filter(WebPage::root)
                    .filter(WebPage::published)
                    .findFirst();
        }
        return contents.stream()
                .filter(page -> language.id().equalsIgnoreCase(page.languageId()))
                .filter(page -> byId(page.rootId()).filter(WebPage::active).isPresent())
                .filter(WebPage::published)
                .findFirst();
    }

    /** Every active page (root or content) at a URL, whatever its state. */
    public List<WebPage> atUrl(String url) {
        return byUrl.getOrDefault(key(url), List.of());
    }

    /** The root page of a page (itself for a root). */
    public WebPage rootOf(WebPage page) {
        return page.root() ? page : byId(page.rootId()).orElse(page);
    }

    /**
     * What a root page shows in a language: its content page of that language; the root itself when it has no
     * content pages (or the site no languages); empty when it has content pages but none in this language.
     */
    public Optional<WebPage> localized(WebPage root, WebsiteLanguage language) {
        WebPage rootPage = rootOf(root);
        List<WebPage> contents = contentPages.getOrDefault(rootPage.id(), List.of());
        if (language == null || contents.isEmpty()) {
            return Optional.of(rootPage);
        }
        return contents.stream()
                .filter(page -> language.id().equalsIgnoreCase(page.languageId()))
                .findFirst();
    }

    /** {@link #localized}, falling back to the root page: how the site map shows a page's parent. */
    public WebPage localizedOrRoot(WebPage root, WebsiteLanguage language) {
        return localized(root, language).orElse(rootOf(root));
    }

    /** The content pages of a root page, one per language. */
    public List<WebPage> contentPages(WebPage root) {
        return contentPages.getOrDefault(rootOf(root).id(), List.of());
    }

    /** The active root pages below a page, in display order (publishing state not considered). */
    public List<WebPage> children(WebPage page) {
        return rootChildren.getOrDefault(rootOf(page).id(), List.of());
    }

    /** The parent's root page, if it exists and is active. */
    public Optional<WebPage> parent(WebPage page) {
        return byId(page.parentId()).filter(WebPage::active);
    }

    /** The web files hanging off a page (files hang off root pages). */
    public List<WebFile> webFiles(WebPage page) {
        return files.getOrDefault(rootOf(page).id(), List.of());
    }

    public Collection<WebPage> all() {
        return byId.values();
    }

    private static String key(String url) {
        return url == null ? "" : url.toLowerCase(Locale.ROOT);
    }
}
