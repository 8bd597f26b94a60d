package dev.powerpages.emulator.appnode.access;

import dev.powerpages.emulator.appnode.signin.SiteUser;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Web page access control rules ({@code adx_webpageaccesscontrolrule}, their web roles through the N:N
 * {@code adx_webpageaccesscontrolrule_webrole}): who may read a page, as Microsoft Learn's "Set page permissions"
 * describes them and the portal runtime evaluates them ({@code WebPageAccessControlSecurityProvider} in xRM Portals
 * Community Edition):
 * <ul>
 * <li>a rule applies to its page and the page's whole branch (rules of all ancestors count);</li>
 * <li><b>Grant Change</b> (right 1) lets the roles it names edit — and read, even where Restrict Read would block
 * them: "Grant change rules take precedence over restrict read rules";</li>
 * <li><b>Restrict Read</b> (right 2) lets only the roles it names read; rules on one page add their roles up;</li>
 * <li>a web file is restricted by its parent page's own Restrict Read rules (one level, not the ancestors'), unless
 * the rule's scope is <i>Exclude direct child web files</i> (2);</li>
 * <li>the <i>Page Not Found</i> and <i>Access Denied</i> pages are always readable.</li>
 * </ul>
 * A visitor's roles are Power Pages' built-in ones (<i>Anonymous Users</i> for anonymous visitors,
 * <i>Authenticated Users</i> plus the assigned ones for signed-in contacts), as for table permissions.
 */
public final class PageAccess {

    public static final int GRANT_CHANGE = 1;
    public static final int RESTRICT_READ = 2;
    public static final int EXCLUDE_DIRECT_CHILD_WEB_FILES = 2;

    /** What a visitor who asked for a page gets. */
    public enum Decision {
        ALLOWED,
        /** Anonymous and restricted: Power Pages sends them to sign in. */
        SIGN_IN,
        /** Signed in without a role the page needs: the Access Denied page, 403. */
        FORBIDDEN
    }

    /** One rule, with the ids of its web roles (lower case). */
    public record Rule(String id, String name, String pageId, int right, int scope, Set<String> roleIds) {}

    private record Index(Map<String, List<Rule>> byPageId) {}

    private PageAccess() {}

    /** Whether the visitor may read the page; {@link Decision#SIGN_IN} or {@link Decision#FORBIDDEN} when not. */
    public static Decision read(SiteSnapshot site, WebPage page, SiteUser user) {
        if (canRead(site, page, user)) {
            return Decision.ALLOWED;
        }
        return user == null ? Decision.SIGN_IN : Decision.FORBIDDEN;
    }

    public static boolean canRead(SiteSnapshot site, WebPage page, SiteUser user) {
        if (isServicePage(site, page)) {
            return true;
        }
        List<Rule> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WebPage current = site.pages().rootOf(page);
                current != null && seen.add(current.id());
                current = site.pages().parent(current).orElse(null)) {
            rules.addAll(rulesOn(site, current));
        }
        return evaluate(rules, roles(site, user), false);
    }

    /** A web file: the Restrict Read rules of its parent page itself (not of the ancestors) apply. */
    public static boolean canRead(SiteSnapshot site, WebFile file, SiteUser user) {
        if (file.parentPageId() == null) {
            return true;
        }
        WebPage parent = site.pages().byId(file.parentPageId()).orElse(null);
        if (parent == null) {
            return true;
        }
        return evaluate(rulesOn(site, parent), roles(site, user), true);
    }

    /** The rules set on a page itself (its root page's, for a content page). */
    public static List<Rule> rulesOn(SiteSnapshot site, WebPage page) {
        WebPage root = site.pages().rootOf(page);
        return index(site).byPageId().getOrDefault(root.id().toLowerCase(Locale.ROOT), List.of());
    }

    /** The Restrict Read rules in force on a page (its own and its ancestors'). */
    public static List<Rule> restrictions(SiteSnapshot site, WebPage page) {
        List<Rule> rules = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (WebPage current = site.pages().rootOf(page);
                current != null && seen.add(current.id());
                current = site.pages().parent(current).orElse(null)) {
            rulesOn(site, current).stream()
                    .filter(rule -> rule.right() == RESTRICT_READ)
                    .forEach(rules::add);
        }
        return rules;
    }

    private static boolean evaluate(List<Rule> rules, Set<String> roles, boolean webFile) {
        for (Rule rule : rules) {
            if (rule.right() == GRANT_CHANGE && intersects(rule.roleIds(), roles)) {
                return true;
            }
        }
        // Restrict Read rules on one page are one restriction: the union of their roles may read.
        Map<String, Set<String>> restrictedPages = new HashMap<>();
        for (Rule rule : rules) {
            if (rule.right() != RESTRICT_READ || webFile && rule.scope() == EXCLUDE_DIRECT_CHILD_WEB_FILES) {
                continue;
            }
            restrictedPages
                    .computeIfAbsent(rule.pageId(), id -> new HashSet<>())
                    .addAll(rule.roleIds());
        }
        return restrictedPages.values().stream().allMatch(allowed -> intersects(allowed, roles));
    }

    private static boolean intersects(Set<String> a, Set<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    private static Set<String> roles(SiteSnapshot site, SiteUser user) {
        Set<String> ids = user == null ? site.permissions().anonymousRoleIds() : user.roleIds(site.permissions());
        Set<String> lower = new HashSet<>();
        ids.forEach(id -> lower.add(id.toLowerCase(Locale.ROOT)));
        return lower;
    }

    private static boolean isServicePage(SiteSnapshot site, WebPage page) {
        WebPage root = site.pages().rootOf(page);
        for (String marker : List.of("Page Not Found", "Access Denied")) {
            if (site.siteMarkerPage(marker)
                    .filter(target -> target.id().equalsIgnoreCase(root.id()))
                    .isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Index index(SiteSnapshot site) {
        return site.derived(Index.class, snapshot -> {
            Map<String, Set<String>> roles = snapshot.associations(
                    "adx_webpageaccesscontrolrule_webrole",
                    "adx_webpageaccesscontrolrule",
                    "adx_webpageaccesscontrolrules",
                    "adx_webrole");
            Map<String, List<Rule>> byPage = new HashMap<>();
            for (StoreRow row : snapshot.activeRows("adx_webpageaccesscontrolrules")) {
                String pageId = row.text("_adx_webpageid_value");
                String id = row.text("adx_webpageaccesscontrolruleid");
                if (pageId == null || id == null) {
                    continue;
                }
                Rule rule = new Rule(
                        id,
                        row.text("adx_name"),
                        pageId.toLowerCase(Locale.ROOT),
                        row.number("adx_right", 0),
                        row.number("adx_scope", 1),
                        Set.copyOf(roles.getOrDefault(id.toLowerCase(Locale.ROOT), Set.of())));
                byPage.computeIfAbsent(rule.pageId(), key -> new ArrayList<>()).add(rule);
            }
            return new Index(byPage);
        });
    }
}
