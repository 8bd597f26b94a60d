package dev.powerpages.emulator.appnode.render;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebsiteLanguage;
import org.springframework.stereotype.Component;

/**
 * Maps a request path (without its language code) to a web file or a published page in the visitor's language.
 * Page URLs end with {@code /} (Power Pages builds them from partial URLs); a path without the slash is redirected
 * to the slash form, as Power Pages does. Draft pages (publishing state not visible) are not found.
 */
@Component
class PageRouter {

    Route route(SiteSnapshot site, String path, WebsiteLanguage language) {
        var file = site.webFileByUrl(path);
        if (file.isPresent()) {
            return new Route.ToWebFile(file.get());
        }
        if (path.endsWith("/")) {
            return site.pages()
                    .find(path, language)
                    .<Route>map(Route.ToPage::new)
                    .orElseGet(Route.NotFound::new);
        }
        return site.pages()
                .find(path + "/", language)
                .<Route>map(page -> new Route.ToCanonicalUrl(path + "/"))
                .orElseGet(Route.NotFound::new);
    }
}
