package dev.powerpages.emulator.appnode.render;

import org.springframework.web.util.HtmlUtils;

/** Plain HTML pages for what a site cannot render itself. Never a stack trace. */
final class ErrorPages {

    private ErrorPages() {}

    /** @param line 1-based, {@code 0} when liqp did not say */
    static String templateError(String templateName, int line, String message) {
        String where = line > 0 ? ", line " + line : "";
        return page(
                "Liquid error",
                "<h1>500 Liquid error</h1><p>The web template <strong class=\"template\">"
                        + HtmlUtils.htmlEscape(templateName)
                        + "</strong><span class=\"line\">" + where + "</span> could not be rendered:</p><pre>"
                        + HtmlUtils.htmlEscape(message == null ? "(no detail)" : message)
                        + "</pre>");
    }

    static String notFound(String path) {
        return page(
                "Page not found",
                "<h1>404 Page not found</h1><p>There is no page at <code>" + HtmlUtils.htmlEscape(path)
                        + "</code>.</p>");
    }

    static String forbidden(String path) {
        return page(
                "Access denied",
                "<h1>403 Access denied</h1><p>You do not have permission to see <code>" + HtmlUtils.htmlEscape(path)
                        + "</code>.</p>");
    }

    static String siteUnavailable(String why) {
        return page("Service unavailable", "<h1>503 Service unavailable</h1><p>" + HtmlUtils.htmlEscape(why) + "</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body>" + body
                + "</body></html>";
    }
}
