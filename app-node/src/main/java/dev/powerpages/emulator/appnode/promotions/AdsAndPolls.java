package dev.powerpages.emulator.appnode.promotions;

import dev.powerpages.emulator.appnode.liquid.LiquidDrop;
import dev.powerpages.emulator.appnode.liquid.LiquidExtension;
import dev.powerpages.emulator.appnode.liquid.RenderScope;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.site.WebFile;
import dev.powerpages.emulator.appnode.site.WebPage;
import dev.powerpages.emulator.appnode.store.StoreRow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * Power Pages' {@code ads} and {@code polls} objects (Microsoft Learn, Liquid objects, "ads", "polls"), from the
 * tables {@code adx_ads}, {@code adx_adplacements} (ads through the N:N {@code adx_adplacement_ad}),
 * {@code adx_polls}, {@code adx_polloptions}, {@code adx_pollplacements} (polls through {@code adx_pollplacement_poll}).
 *
 * <p>{@code ads['Name or id']}: {@code name}, {@code title}, {@code copy}, {@code image} ({@code url},
 * {@code alternate_text}, {@code width}, {@code height}), {@code redirect_url}, {@code open_in_new_window},
 * {@code ad_url}, and the row's columns; {@code ads.placements['Name or id']}: {@code name}, {@code ads},
 * {@code placement_url}, {@code random_url}. An ad past its expiration date or in a hidden publishing state is not
 * shown, as the portal's ad adapter filters them.
 *
 * <p>{@code polls['Name or id']}: {@code name}, {@code question}, {@code submit_button_label}, {@code options}
 * (each {@code answer}, {@code votes}, {@code percentage}), {@code votes}, {@code has_user_voted},
 * {@code user_selected_option}, {@code poll_url}, {@code submit_url}; {@code polls.placements[…]}: {@code name},
 * {@code polls}, {@code placement_url}, {@code random_url}, {@code submit_url}. A poll is shown from its release
 * date (a day's grace, as the runtime allows) to its expiration date. The URLs have Power Pages' shape
 * ({@code /_services/ads/<website id>/<id>}, {@code /_services/polls/<website id>/…}); the emulator does not serve
 * them, so voting is not emulated and {@code has_user_voted} is false.
 */
@Component
class AdsAndPolls implements LiquidExtension {

    @Override
    public void contribute(RenderScope scope, Map<String, Object> variables) {
        SiteSnapshot site = scope.site();
        variables.put("ads", ads(site));
        variables.put("polls", polls(site));
    }

    private static LiquidDrop ads(SiteSnapshot site) {
        String prefix = "/_services/ads/" + site.websiteId() + "/";
        Function<StoreRow, Object> ad = row -> ad(site, row, prefix);
        Map<String, Set<String>> adsOfPlacement =
                site.associations("adx_adplacement_ad", "adx_adplacement", "adx_adplacements", "adx_ad");
        Function<StoreRow, Object> placement = row -> {
            String id = row.text("adx_adplacementid");
            return new LiquidDrop(row, row.text("adx_name"))
                    .value("id", id)
                    .value("name", row.text("adx_name"))
                    .value("placement_url", prefix + "placements/" + id)
                    .value("random_url", prefix + "placements/" + id + "/random")
                    .attribute(
                            "ads",
                            () -> related(
                                    site,
                                    "adx_ads",
                                    "adx_adid",
                                    adsOfPlacement.get(lower(id)),
                                    candidate -> adShown(candidate)
                                            && site.visibleState(candidate.text("_adx_publishingstateid_value")),
                                    ad));
        };
        java.util.function.Predicate<StoreRow> shown =
                row -> adShown(row) && site.visibleState(row.text("_adx_publishingstateid_value"));
        return lookup(site, "ads", "adx_ads", "adx_adid", shown, ad)
                .value(
                        "placements",
                        lookup(site, "placements", "adx_adplacements", "adx_adplacementid", row -> true, placement));
    }

    private static Object ad(SiteSnapshot site, StoreRow row, String prefix) {
        String id = row.text("adx_adid");
        String imageUrl = firstNonBlank(row.text("adx_image"), webFileUrl(site, row.text("_adx_webfileid_value")));
        String redirect = firstNonBlank(
                row.text("adx_url"),
                row.text("adx_navigateurl"),
                site.pages()
                        .byId(row.text("_adx_redirectwebpage_value"))
                        .filter(WebPage::published)
                        .map(WebPage::url)
                        .orElse(null));
        LiquidDrop image = new LiquidDrop(null, imageUrl)
                .value("url", appPath(imageUrl))
                .value("alternate_text", row.text("adx_imagealttext"))
                .value(
                        "width",
                        row.json().path("adx_imagewidth").isNumber()
                                ? row.json().get("adx_imagewidth").asInt()
                                : null)
                .value(
                        "height",
                        row.json().path("adx_imageheight").isNumber()
                                ? row.json().get("adx_imageheight").asInt()
                                : null);
        return new LiquidDrop(row, row.text("adx_name"))
                .value("id", id)
                .value("name", row.text("adx_name"))
                .value("title", row.text("adx_title"))
                .value("copy", row.text("adx_copy"))
                .value("image", image)
                .value("redirect_url", appPath(redirect))
                .value("open_in_new_window", row.flag("adx_openinnewwindow", false))
                .value("ad_url", prefix + id);
    }

    private static LiquidDrop polls(SiteSnapshot site) {
        String prefix = "/_services/polls/" + site.websiteId() + "/";
        Map<String, Set<String>> pollsOfPlacement =
                site.associations("adx_pollplacement_poll", "adx_pollplacement", "adx_pollplacements", "adx_poll");
        Function<StoreRow, Object> poll = row -> poll(site, row, prefix);
        Function<StoreRow, Object> placement = row -> {
            String id = row.text("adx_pollplacementid");
            return new LiquidDrop(row, row.text("adx_name"))
                    .value("id", id)
                    .value("name", row.text("adx_name"))
                    .value("placement_url", prefix + "placements/" + id)
                    .value("random_url", prefix + "placements/" + id + "/random")
                    .value("submit_url", prefix + "SubmitPoll")
                    .attribute(
                            "polls",
                            () -> related(
                                    site,
                                    "adx_polls",
                                    "adx_pollid",
                                    pollsOfPlacement.get(lower(id)),
                                    AdsAndPolls::pollShown,
                                    poll));
        };
        return lookup(site, "polls", "adx_polls", "adx_pollid", AdsAndPolls::pollShown, poll)
                .value(
                        "placements",
                        lookup(
                                site,
                                "placements",
                                "adx_pollplacements",
                                "adx_pollplacementid",
                                row -> true,
                                placement));
    }

    private static Object poll(SiteSnapshot site, StoreRow row, String prefix) {
        String id = row.text("adx_pollid");
        List<StoreRow> options = site.activeRows("adx_polloptions").stream()
                .filter(option -> id != null && id.equalsIgnoreCase(option.text("_adx_pollid_value")))
                .sorted(Comparator.comparingInt(option -> option.number("adx_displayorder", 0)))
                .toList();
        int total = options.stream()
                .mapToInt(option -> option.number("adx_votes", 0))
                .sum();
        List<Object> optionObjects = new ArrayList<>();
        for (StoreRow option : options) {
            int votes = option.number("adx_votes", 0);
            optionObjects.add(new LiquidDrop(option, option.text("adx_answer"))
                    .value("id", option.text("adx_polloptionid"))
                    .value("name", option.text("adx_name"))
                    .value("answer", option.text("adx_answer"))
                    .value("votes", votes)
                    .value("percentage", total == 0 ? 0.0 : votes * 100.0 / total));
        }
        return new LiquidDrop(row, row.text("adx_name"))
                .value("id", id)
                .value("name", row.text("adx_name"))
                .value("question", row.text("adx_question"))
                .value("submit_button_label", row.text("adx_submitbuttonlabel"))
                .value("options", optionObjects)
                .value("votes", total)
                .value("has_user_voted", false)
                .value("user_selected_option", null)
                .value("poll_url", prefix + id)
                .value("submit_url", prefix + "SubmitPoll");
    }

    /** An object answering its rows by name or id ({@code ads['Summer Sale']}, {@code ads['<guid>']}). */
    private static LiquidDrop lookup(
            SiteSnapshot site,
            String text,
            String entitySet,
            String idColumn,
            java.util.function.Predicate<StoreRow> shown,
            Function<StoreRow, Object> object) {
        return new LiquidDrop(null, text) {
            @Override
            public boolean containsKey(Object key) {
                return super.containsKey(key) || find(key).isPresent();
            }

            @Override
            public Object get(Object key) {
                return super.containsKey(key)
                        ? super.get(key)
                        : find(key).map(object).orElse(null);
            }

            private Optional<StoreRow> find(Object key) {
                if (!(key instanceof String name)) {
                    return Optional.empty();
                }
                return site.activeRows(entitySet).stream()
                        .filter(shown)
                        .filter(row -> name.equalsIgnoreCase(row.text(idColumn)) || name.equals(row.text("adx_name")))
                        .findFirst();
            }
        };
    }

    private static List<Object> related(
            SiteSnapshot site,
            String entitySet,
            String idColumn,
            Set<String> ids,
            java.util.function.Predicate<StoreRow> shown,
            Function<StoreRow, Object> object) {
        if (ids == null) {
            return List.of();
        }
        return site.activeRows(entitySet).stream()
                .filter(row -> row.text(idColumn) != null && ids.contains(lower(row.text(idColumn))))
                .filter(shown)
                .map(object)
                .toList();
    }

    private static boolean adShown(StoreRow row) {
        Instant expires = row.instant("adx_expirationdate");
        return expires == null || expires.isAfter(Instant.now());
    }

    private static boolean pollShown(StoreRow row) {
        Instant now = Instant.now();
        Instant released = row.instant("adx_releasedate");
        Instant expires = row.instant("adx_expirationdate");
        return (released == null || !released.isAfter(now.plus(java.time.Duration.ofDays(1))))
                && (expires == null || !expires.isBefore(now));
    }

    private static String webFileUrl(SiteSnapshot site, String webFileId) {
        if (webFileId == null) {
            return null;
        }
        return site.webFilesByUrl().values().stream()
                .filter(file -> webFileId.equalsIgnoreCase(file.id()))
                .map(WebFile::url)
                .findFirst()
                .orElse(null);
    }

    /** {@code ~/x} (an app-relative URL, as makers write them) is {@code /x}. */
    private static String appPath(String url) {
        if (url == null) {
            return null;
        }
        return url.startsWith("~/") ? url.substring(1) : url;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
