package dev.powerpages.emulator.appnode.render;

import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;

/** Where a request path leads within the site. */
sealed interface Route {

    record ToPage(WebPage page) implements Route {}

    record ToWebFile(WebFile file) implements Route {}

    /** The page exists at the trailing-slash form of the path. */
    record ToCanonicalUrl(String location) implements Route {}

    record NotFound() implements Route {}
}
