package dev.powerpages.emulator.cli.check;

import dev.powerpages.emulator.cli.http.Http;
import dev.powerpages.emulator.cli.http.HttpException;
import dev.powerpages.emulator.cli.http.SiteUrl;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Every URL the site serves, as an app node lists them at {@code GET /_services/site/urls}: each published page once
 * per language at the URL a visitor uses, each web file, and what an anonymous visitor gets for it (200, or 302 to
 * sign in where an access rule restricts reading).
 */
public record SiteListing(
        String website, String dataModel, List<String> languages, List<Entry> pages, List<Entry> webFiles) {

    /** One URL: a page (name, language) or a web file (content type), and what an anonymous visitor should get. */
    public record Entry(
            String url, String language, String name, String contentType, int anonymous, List<String> roles) {}

    public static SiteListing read(Http http, String nodeUrl) {
        Http.Response response = http.get(
                SiteUrl.resolve(nodeUrl, "/_services/site/urls"), java.util.Map.of("Accept", "application/json"));
        if (response.status() == 404) {
            throw new HttpException(
                    "the app node at " + nodeUrl + " does not list its URLs (GET /_services/site/urls answered 404):"
                            + " it is older than check-site; rebuild it (./stack build)");
        }
        if (response.status() != 200) {
            throw new HttpException(
                    "GET " + response.uri() + " answered " + response.status() + ": " + response.text());
        }
        return parse(response.json());
    }

    static SiteListing parse(JsonNode urls) {
        List<String> languages = new ArrayList<>();
        urls.path("languages").forEach(language -> {
            if (!language.path("published").isBoolean()
                    || language.path("published").asBoolean()) {
                languages.add(language.path("code").asString());
            }
        });
        return new SiteListing(
                urls.path("website").path("name").asString(null),
                urls.path("website").path("dataModel").asString(null),
                languages,
                entries(urls.path("pages")),
                entries(urls.path("webFiles")));
    }

    private static List<Entry> entries(JsonNode array) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode entry : array) {
            List<String> roles = new ArrayList<>();
            entry.path("roles").forEach(role -> roles.add(role.asString()));
            entries.add(new Entry(
                    entry.path("url").asString(),
                    entry.path("language").asString(null),
                    entry.path("name").asString(null),
                    entry.path("contentType").asString(null),
                    entry.path("anonymous").asInt(200),
                    roles));
        }
        return entries;
    }
}
