package dev.powerpages.emulator.appnode.render;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebPage;

import org.springframework.stereotype.Component;

/**
 * Maps a request path to a web file or a published page. Page URLs end with {@code /} (Power Pages builds them
 * from partial URLs); a path without the slash is redirected to the slash form, as Power Pages does. Draft pages
 * (publishing state not visible) are not found.
 */
@Component
class PageRouter {

    Route route(SiteSnapshot site, String path) {
        var file = site.webFileByUrl(path);
        if (file.isPresent()) {
            return new Route.ToWebFile(file.get());
        }
        if (path.endsWith("/")) {
            return site.pageByUrl(path).filter(WebPage::published)
                    .<Route>map(Route.ToPage::new)
                    .orElseGet(Route.NotFound::new);
        }
        return site.pageByUrl(path + "/").filter(WebPage::published)
                .<Route>map(page -> new Route.ToCanonicalUrl(path + "/"))
                .orElseGet(Route.NotFound::new);
    }
}
