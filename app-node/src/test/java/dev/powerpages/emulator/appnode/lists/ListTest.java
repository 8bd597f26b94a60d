package dev.powerpages.emulator.appnode.lists;

import static dev.powerpages.emulator.appnode.forms.FixtureSite.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.forms.FixtureSite;
import dev.powerpages.emulator.appnode.forms.FormsHarness;
import dev.powerpages.emulator.appnode.forms.RecordingStore;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCaches;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListTest {

    static final String LIST = "0f000000-0000-4000-8000-000000000001";
    static final String VIEW = "e6000000-0000-4000-8000-000000000001";

    final RecordingStore store = new RecordingStore(
            new RecordingStore.Table("account", "accounts", List.of("name:Edm.String", "numberofemployees:Edm.Int32")));
    final FixtureSite fixture = new FixtureSite();
    final String accounts = fixture.page("accounts", "<h1>Accounts</h1>{% include 'entity_list' key: 'Accounts' %}");
    final String custom = fixture.page(
            "custom",
            "{% entitylist name:'Accounts' %}{{ entitylist.entity_logical_name }}|"
                    + "{{ entitylist.views[0].name }}|{{ entitylist.page_size }}|{% entityview %}{{ entityview.total_records }}|"
                    + "{{ entityview.page }}/{{ entityview.total_pages }}|next {{ entityview.next_page }}|"
                    + "{% for account in entityview.records %}{{ account.name }},{% endfor %}{% endentityview %}{% endentitylist %}");
    final String details = fixture.page("account", "details");
    /** A page whose list is found by the page (the list's adx_webpageid), not by a key. */
    final String directory = fixture.page("directory", "{% include 'entity_list' %}");

    ListTest() {
        for (int i = 1; i <= 12; i++) {
            store.add(
                    "accounts",
                    row(
                            "accountid",
                            String.format("a0000000-0000-4000-8000-%012d", i),
                            "name",
                            String.format("Account %02d", i),
                            "numberofemployees",
                            i * 10));
        }
        fixture.add(
                        "adx_entitylists",
                        row(
                                "adx_entitylistid",
                                LIST,
                                "adx_name",
                                "Accounts",
                                "adx_entityname",
                                "account",
                                "adx_pagesize",
                                5,
                                "adx_searchenabled",
                                true,
                                "adx_entitypermissionsenabled",
                                true,
                                "adx_view",
                                VIEW,
                                "adx_views",
                                "{\"Type\":\"ViewMetadata\",\"Views\":[{\"Type\":\"View\",\"ViewId\":\"" + VIEW
                                        + "\",\"DisplayName\":[{\"LCID\":1033,\"Value\":\"Active Accounts\"}]}]}",
                                "adx_settings",
                                "{\"ItemActions\":[{\"Type\":\"CrmEntityFormView-DetailsAction\",\"RedirectWebpageId\":\""
                                        + "30000000-0000-4000-8000-000000000004\"}]}"))
                .permission(FixtureSite.ANONYMOUS, "account", 756150000, "read")
                .add(
                        "adx_entitylists",
                        row(
                                "adx_entitylistid",
                                "0f000000-0000-4000-8000-000000000002",
                                "adx_name",
                                "Directory",
                                "adx_entityname",
                                "account",
                                "adx_pagesize",
                                20,
                                "_adx_webpageid_value",
                                "30000000-0000-4000-8000-000000000005"));
    }

    @Test
    void theEntityListTemplateWithoutAKeyShowsThePagesOwnList() {
        assertThat(get(fixture.snapshot(), directory))
                .contains("data-list-id=\"0f000000-0000-4000-8000-000000000002\"")
                .contains("Account 12")
                .doesNotContain("view-pagination");
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private String get(SiteSnapshot site, String url) {
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : null;
        var client = store.client();
        EntityListTags tags = new EntityListTags(
                new TableCatalog(client),
                new ViewQueries(client, BusinessDataCaches.keepingNothing()),
                new UnsupportedLiquid());
        LiquidRenderer renderer = new LiquidRenderer(
                FormsHarness.LIMITS,
                new FetchXmlTag(null, null, null, null),
                List.of(tags),
                List.of(new EntityListTemplate()));
        return renderer.render(
                        site,
                        site.pageByUrl(path).orElseThrow(),
                        new RequestInfo(path, "http://localhost" + url, query, null))
                .body();
    }

    @Test
    void theEntityListTemplateRendersTheFirstPageOfRowsWithPagingLinks() {
        String html = get(fixture.snapshot(), accounts);

        assertThat(html)
                .startsWith("<h1>Accounts</h1><div class=\"entitylist entity-grid\" data-list-id=\"" + LIST + "\"")
                .contains(
                        "<input type=\"text\" name=\"search\" class=\"query form-control\" value=\"\" placeholder=\"Search\"")
                .contains("<tr data-id=\"a0000000-0000-4000-8000-000000000001\" data-entity=\"account\">")
                .contains("<td data-type=\"string\" data-attribute=\"name\" data-value=\"Account 05\"")
                .doesNotContain("Account 06")
                .contains(
                        "<div class=\"view-pagination\" data-current-page=\"1\" data-pagesize=\"5\" data-pages=\"3\">")
                .contains("<li class=\"active\"><a href=\"/accounts/?page=1\" aria-current=\"page\">1</a></li>")
                .contains("<a href=\"/accounts/?page=2\">2</a>")
                .contains(
                        "<a class=\"details-link\" href=\"/account/?id=a0000000-0000-4000-8000-000000000001\">View details</a>");
        assertThat(store.calls())
                .last()
                .satisfies(call -> assertThat(call.target())
                        .contains("$count=true")
                        .contains("$top=5")
                        .startsWith("/api/data/v9.2/accounts?$select=accountid,name,numberofemployees"));
    }

    @Test
    void theThirdPageHoldsTheLastRowsAndSortAndSearchComeFromTheQueryString() {
        assertThat(get(fixture.snapshot(), accounts + "?page=3"))
                .contains("Account 11", "Account 12")
                .doesNotContain("Account 10")
                .contains("<li class=\"disabled\"><span>&raquo;</span></li>");

        String sorted = get(fixture.snapshot(), accounts + "?order=name%20DESC");
        assertThat(sorted.indexOf("Account 12")).isLessThan(sorted.indexOf("Account 11"));
        assertThat(sorted).contains("<a href=\"/accounts/?order=name%20ASC&amp;page=1\"");

        String searched = get(fixture.snapshot(), accounts + "?search=account%2007");
        assertThat(searched)
                .contains("data-value=\"Account 07\"")
                .doesNotContain("Account 08")
                .doesNotContain("view-pagination");
        assertThat(store.calls())
                .last()
                .satisfies(call -> assertThat(call.target()).contains("$filter=(contains(name,'account 07'))"));
    }

    @Test
    void theEntitylistAndEntityviewObjectsAreThoseTheDocsList() {
        assertThat(get(fixture.snapshot(), custom + "?page=2"))
                .isEqualTo(
                        "account|Active Accounts|5|12|2/3|next 3|Account 06,Account 07,Account 08,Account 09,Account 10,");
    }

    @Test
    void aVisitorWhoseRolesGrantNoReadSeesTheAccessDeniedMessageAndNoRows() {
        FixtureSite locked = new FixtureSite();
        String url = locked.page("accounts", "{% include 'entity_list' key: '" + LIST + "' %}");
        locked.add(
                "adx_entitylists",
                row(
                        "adx_entitylistid",
                        LIST,
                        "adx_name",
                        "Accounts",
                        "adx_entityname",
                        "account",
                        "adx_entitypermissionsenabled",
                        true));

        assertThat(get(locked.snapshot(), url))
                .contains("<div class=\"view-access-denied message alert alert-block alert-danger\">")
                .doesNotContain("Account 01");
        assertThat(store.calls()).noneMatch(call -> call.target().startsWith("/api/data/v9.2/accounts"));
    }
}
