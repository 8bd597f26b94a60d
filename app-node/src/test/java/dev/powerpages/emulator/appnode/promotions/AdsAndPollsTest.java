package dev.powerpages.emulator.appnode.promotions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.appnode.render.SiteHarness;
import dev.powerpages.emulator.appnode.site.SiteRows;
import org.junit.jupiter.api.Test;

class AdsAndPollsTest {

    static final String PLACEMENT = "60000000-0000-4000-8000-000000000001";
    static final String SUMMER = "61000000-0000-4000-8000-000000000001";
    static final String EXPIRED = "61000000-0000-4000-8000-000000000002";
    static final String POLL = "62000000-0000-4000-8000-000000000001";

    @Test
    void adsShowByNameIdOrPlacementUntilTheyExpire() {
        SiteRows rows = SiteRows.contoso(
                "{% assign ad = ads['Summer'] %}<a href=\"{{ ad.redirect_url }}\"><img src=\"{{ ad.image.url }}\""
                        + " alt=\"{{ ad.image.alternate_text }}\">{{ ad.title }}</a>|{{ ads['" + SUMMER + "'].name }}|"
                        + "{% for placed in ads.placements['Sidebar'].ads %}{{ placed.name }};{% endfor %}|{{ ads['Old'] }}|{{ ad.ad_url }}");
        rows.add(
                "adx_ads",
                "adx_adid",
                SUMMER,
                "adx_name",
                "Summer",
                "adx_title",
                "Summer sale",
                "adx_image",
                "~/images/sun.png",
                "adx_imagealttext",
                "Sun",
                "adx_url",
                "https://example.com/sale",
                "_adx_publishingstateid_value",
                SiteRows.PUBLISHED);
        rows.add("adx_ads", "adx_adid", EXPIRED, "adx_name", "Old", "adx_expirationdate", "2020-01-01T00:00:00Z");
        rows.add("adx_adplacements", "adx_adplacementid", PLACEMENT, "adx_name", "Sidebar");
        rows.add(
                "adx_adplacement_adset",
                "adx_adplacement_adid",
                "1",
                "adx_adplacementid",
                PLACEMENT,
                "adx_adid",
                SUMMER);
        rows.add(
                "adx_adplacement_adset",
                "adx_adplacement_adid",
                "2",
                "adx_adplacementid",
                PLACEMENT,
                "adx_adid",
                EXPIRED);

        String body =
                new SiteHarness(rows.snapshot(), new AdsAndPolls()).get("/").body();

        assertThat(body)
                .isEqualTo(
                        "<a href=\"https://example.com/sale\"><img src=\"/images/sun.png\" alt=\"Sun\">Summer sale</a>|Summer|Summer;||"
                                + "/_services/ads/" + SiteRows.WEBSITE + "/" + SUMMER);
    }

    @Test
    void pollsShowTheirQuestionOptionsAndVoteShares() {
        SiteRows rows = SiteRows.contoso(
                "{% assign poll = polls['Colour'] %}{{ poll.question }}|{% for option in poll.options %}"
                        + "{{ option.answer }}={{ option.votes }}/{{ option.percentage }};{% endfor %}|{{ poll.votes }}|{{ poll.has_user_voted }}|"
                        + "{{ polls.placements['Home'].polls.size }}");
        rows.add("adx_polls", "adx_pollid", POLL, "adx_name", "Colour", "adx_question", "Favourite colour?");
        rows.add(
                "adx_polloptions",
                "adx_polloptionid",
                "63000000-0000-4000-8000-000000000001",
                "adx_answer",
                "Blue",
                "adx_votes",
                3,
                "adx_displayorder",
                1,
                "_adx_pollid_value",
                POLL);
        rows.add(
                "adx_polloptions",
                "adx_polloptionid",
                "63000000-0000-4000-8000-000000000002",
                "adx_answer",
                "Red",
                "adx_votes",
                1,
                "adx_displayorder",
                2,
                "_adx_pollid_value",
                POLL);
        rows.add(
                "adx_pollplacements",
                "adx_pollplacementid",
                "64000000-0000-4000-8000-000000000001",
                "adx_name",
                "Home");
        rows.add(
                "adx_pollplacement_pollset",
                "adx_pollplacement_pollid",
                "1",
                "adx_pollplacementid",
                "64000000-0000-4000-8000-000000000001",
                "adx_pollid",
                POLL);

        String body =
                new SiteHarness(rows.snapshot(), new AdsAndPolls()).get("/").body();

        assertThat(body).isEqualTo("Favourite colour?|Blue=3/75.0;Red=1/25.0;|4|false|1");
    }
}
