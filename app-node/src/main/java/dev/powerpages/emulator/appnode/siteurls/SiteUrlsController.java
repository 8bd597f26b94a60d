package dev.powerpages.emulator.appnode.siteurls;

import dev.powerpages.emulator.appnode.access.PageAccess;
import dev.powerpages.emulator.appnode.cache.SiteCache;
import dev.powerpages.emulator.appnode.pagetemplates.RewritePages;
import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import dev.powerpages.emulator.support.error.ErrorEnvelope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /_services/site/urls}: every URL the site serves, for a checker that fetches each one ({@code ./stack
 * check-site}). Public, read-only, JSON:
 * <pre>
 * {"website": {"id", "name", "dataModel": "standard"|"enhanced"},
 *  "languages": [{"code", "name", "default", "published"}], "languageCodesInUrls": true|false,
 *  "pages": [{"url", "language", "id", "name", "title", "access": "anyone"|"restricted", "roles": [...],
 *             "anonymous": 200|302}],
 *  "webFiles": [{"url", "id", "contentType", "access", "roles", "anonymous"}]}
 * </pre>
 * A page is listed once per language it is served in, at the URL a visitor uses ({@code /fr-FR/about/} where the
 * site puts codes into URLs). {@code anonymous} is what an anonymous visitor gets: 200, or 302 to sign in where a
 * Restrict Read rule (on the page or an ancestor; for a web file, on its parent page) keeps them out or the page is
 * the profile page; {@code roles} are the web roles a restriction admits.
 */
@RestController
class SiteUrlsController {

    private final SiteCache siteCache;

    SiteUrlsController(SiteCache siteCache) {
        this.siteCache = siteCache;
    }

    @GetMapping("/_services/site/urls")
    ResponseEntity<?> urls() {
        SiteSnapshot site = siteCache.current().orElse(null);
        if (site == null) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .cacheControl(CacheControl.noStore())
                    .body(ErrorEnvelope.of(
                            "SiteNotLoaded", "The site's metadata has not been loaded from the metadata store yet."));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "website",
                Map.of(
                        "id",
                        String.valueOf(site.websiteId()),
                        "name",
                        String.valueOf(site.websiteName()),
                        "dataModel",
                        site.enhancedDataModel() ? "enhanced" : "standard"));
        List<Map<String, Object>> languages = new ArrayList<>();
        for (WebsiteLanguage language : site.languages().all()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("code", language.code());
            entry.put("name", language.displayName());
            entry.put("default", language.equals(site.languages().defaultLanguage()));
            entry.put("published", language.published());
            languages.add(entry);
        }
        body.put("languages", languages);
        body.put(
                "languageCodesInUrls",
                site.languages().multilingual() && site.languages().codesInUrl());
        body.put("pages", pages(site));
        body.put("webFiles", webFiles(site));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static List<Map<String, Object>> pages(SiteSnapshot site) {
        List<Map<String, Object>> pages = new ArrayList<>();
        List<WebsiteLanguage> languages = site.languages().multilingual()
                ? site.languages().published()
                : java.util.Collections.singletonList(null);
        List<WebPage> roots = site.pages().all().stream()
                .filter(WebPage::root)
                .filter(WebPage::active)
                .sorted(Comparator.comparing(WebPage::url))
                .toList();
        for (WebsiteLanguage language : languages) {
            for (WebPage root : roots) {
                WebPage page = site.pages().localized(root, language).orElse(null);
                // Only what a visitor reaches at that URL (a page that loses a URL clash is not served there).
                if (page == null
                        || !page.published()
                        || !site.pages()
                                .find(page.url(), language)
                                .map(found -> found.id().equals(page.id()))
                                .orElse(false)) {
                    continue;
                }
                List<PageAccess.Rule> restrictions = PageAccess.restrictions(site, page);
                boolean profile = site.pageTemplateOf(page)
                        .filter(RewritePages::isProfile)
                        .isPresent();
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("url", site.urlOf(page, language));
                entry.put("language", language == null ? null : language.code());
                entry.put("id", page.id());
                entry.put("name", page.name());
                entry.put("title", page.displayTitle());
                entry.put("access", restrictions.isEmpty() ? "anyone" : "restricted");
                entry.put("roles", roleNames(site, restrictions));
                entry.put("anonymous", PageAccess.canRead(site, page, null) && !profile ? 200 : 302);
                pages.add(entry);
            }
        }
        return pages;
    }

    private static List<Map<String, Object>> webFiles(SiteSnapshot site) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (WebFile file : site.webFilesByUrl().values().stream()
                .sorted(Comparator.comparing(WebFile::url))
                .toList()) {
            List<PageAccess.Rule> restrictions = file.parentPageId() == null
                    ? List.of()
                    : site.pages()
                            .byId(file.parentPageId())
                            .map(parent -> PageAccess.rulesOn(site, parent).stream()
                                    .filter(rule -> rule.right() == PageAccess.RESTRICT_READ
                                            && rule.scope() != PageAccess.EXCLUDE_DIRECT_CHILD_WEB_FILES)
                                    .toList())
                            .orElse(List.of());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("url", file.url());
            entry.put("id", file.id());
            entry.put("contentType", file.mimeType());
            entry.put("access", restrictions.isEmpty() ? "anyone" : "restricted");
            entry.put("roles", roleNames(site, restrictions));
            entry.put("anonymous", PageAccess.canRead(site, file, null) ? 200 : 302);
            files.add(entry);
        }
        return files;
    }

    private static List<String> roleNames(SiteSnapshot site, List<PageAccess.Rule> rules) {
        Set<String> names = new TreeSet<>();
        for (PageAccess.Rule rule : rules) {
            for (String roleId : rule.roleIds()) {
                SitePermissions.WebRole role = site.permissions().rolesById().values().stream()
                        .filter(candidate ->
                                candidate.id() != null && candidate.id().equalsIgnoreCase(roleId))
                        .findFirst()
                        .orElse(null);
                names.add(role == null || role.name() == null ? roleId : role.name());
            }
        }
        return List.copyOf(names);
    }
}
