package dev.powerpages.emulator.appnode.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.powerpages.emulator.appnode.fetchxml.FetchXmlTag;
import dev.powerpages.emulator.appnode.limits.LiquidLimits;
import dev.powerpages.emulator.appnode.liquid.RequestInfo;
import dev.powerpages.emulator.appnode.render.LiquidRenderer;
import dev.powerpages.emulator.appnode.report.UnsupportedLiquid;
import dev.powerpages.emulator.appnode.search.TestSite;
import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.tables.TableCatalog;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCache;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code knowledge} object as a Knowledge Base page uses it: published external articles ordered by views, date or
 * rating and paged, in the visitor's language, linked to the article page; categories at the top level, by date or by
 * number; nothing the visitor's table permissions do not let them read.
 */
class KnowledgeLiquidTest {

    private static final String PAGE = "30000000-0000-4000-8000-0000000000e1";
    private static final String ARTICLE_PAGE = "30000000-0000-4000-8000-0000000000e2";
    private static final String EN_US = "77000000-0000-4000-8000-000000000001";
    private static final String FR_FR = "77000000-0000-4000-8000-000000000002";
    private static final String ROOT_CATEGORY = "78000000-0000-4000-8000-000000000001";

    private final StoreClient store = mock(StoreClient.class);
    private final BusinessDataCache cache = mock(BusinessDataCache.class);
    private final FetchXmlTag fetchXml =
            new FetchXmlTag(store, cache, new TableCatalog(store), new UnsupportedLiquid());
    private final LiquidRenderer renderer = new LiquidRenderer(
            new LiquidLimits(100_000, Duration.ofSeconds(10), 4_000_000, 1_000_000, 100),
            fetchXml,
            List.of(new KnowledgeLiquid(fetchXml, new LanguageLocales(store, cache))),
            List.of());

    @BeforeEach
    @SuppressWarnings("unchecked")
    void store() {
        when(store.metadataDocument()).thenThrow(new IllegalStateException("no $metadata"));
        when(cache.get(any(), any())).thenAnswer(call -> ((Supplier<Object>) call.getArgument(1)).get());
        JsonMapper json = JsonMapper.builder().build();
        // The FetchXML engine asks for the lookups' annotations: the same rows as the plain read below.
        when(store.query(anyString(), anyString(), anyString()))
                .thenAnswer(call -> store.query(call.getArgument(0), call.getArgument(1)));
        when(store.query(anyString(), anyString())).thenAnswer(call -> {
            String set = call.getArgument(0);
            if (set.startsWith("knowledgearticle")) {
                return json.readTree("{\"value\":["
                        + article("KA-01001", "Reset a password", 40, 4.5, "2026-11-01", 3, 0, 0, EN_US) + ","
                        + article("KA-01002", "Pay an invoice", 90, 3.0, "2026-10-01", 3, 0, 0, EN_US) + ","
                        + article("KA-01003", "Close an account", 10, 5.0, "2026-12-01", 3, 0, 0, EN_US) + ","
                        + article("KA-01004", "Payer une facture", 70, 4.0, "2026-09-01", 3, 0, 0, FR_FR) + ","
                        + article("KA-01005", "Draft article", 999, 5.0, "2026-12-02", 0, 0, 0, EN_US) + ","
                        + article("KA-01006", "Internal article", 999, 5.0, "2026-12-02", 3, 1, 0, EN_US) + ","
                        + article("KA-01001", "Root of KA-01001", 999, 5.0, "2026-12-02", 3, 0, 1, EN_US) + "]}");
            }
            if (set.startsWith("categor")) {
                return json.readTree("{\"value\":["
                        + category(ROOT_CATEGORY, "CAT-01001", "Billing", null, "2026-10-01") + ","
                        + category("78000000-0000-4000-8000-000000000002", "CAT-01002", "Accounts", null, "2026-09-01")
                        + ","
                        + category(
                                "78000000-0000-4000-8000-000000000003",
                                "CAT-01003",
                                "Invoices",
                                ROOT_CATEGORY,
                                "2026-12-01")
                        + ","
                        + category(
                                "78000000-0000-4000-8000-000000000004",
                                "CAT-É&<04",
                                "Échéances",
                                ROOT_CATEGORY,
                                "2026-08-01")
                        + "]}");
            }
            if (set.equals("languagelocale")) {
                return json.readTree("{\"value\":[{\"languagelocaleid\":\"" + EN_US + "\",\"code\":\"en-US\"},"
                        + "{\"languagelocaleid\":\"" + FR_FR + "\",\"code\":\"fr-FR\"}]}");
            }
            throw new IllegalStateException("no table " + set);
        });
    }

    private static String article(
            String number,
            String title,
            int views,
            double rating,
            String modified,
            int state,
            int internal,
            int root,
            String language) {
        return "{\"knowledgearticleid\":\"" + java.util.UUID.nameUUIDFromBytes((number + title).getBytes())
                + "\",\"articlepublicnumber\":\"" + number + "\",\"title\":\"" + title
                + "\",\"description\":\"About " + title + "\",\"knowledgearticleviews\":" + views + ",\"rating\":"
                + rating + ",\"modifiedon\":\"" + modified + "T10:00:00Z\",\"statecode\":" + state
                + ",\"isinternal\":" + (internal == 1) + ",\"isrootarticle\":" + (root == 1)
                + ",\"_languagelocaleid_value\":\"" + language
                + "\",\"_languagelocaleid_value@Microsoft.Dynamics.CRM.lookuplogicalname\":\"languagelocale\"}";
    }

    private static String category(String id, String number, String title, String parent, String modified) {
        return "{\"categoryid\":\"" + id + "\",\"categorynumber\":\"" + number + "\",\"title\":\"" + title
                + "\",\"modifiedon\":\"" + modified + "T10:00:00Z\",\"_parentcategoryid_value\":"
                + (parent == null ? "null" : "\"" + parent + "\"") + "}";
    }

    private String render(TestSite site, String template) {
        SiteSnapshot snapshot = site.page(
                        PAGE, "Knowledge", "Knowledge", "knowledgebase", TestSite.HOME, template, true)
                .page(ARTICLE_PAGE, "Article", "Article", "article", PAGE, "", true)
                .siteMarker("Knowledge Article", ARTICLE_PAGE)
                .snapshot();
        return renderer.render(
                        snapshot,
                        snapshot.pageByUrl("/knowledgebase/").orElseThrow(),
                        new RequestInfo("/knowledgebase/", "http://localhost/knowledgebase/", ""))
                .body()
                .strip();
    }

    private static TestSite readable(String... tables) {
        TestSite site = new TestSite();
        for (String table : tables) {
            site.permission(table, TestSite.ANONYMOUS_ROLE, 756150000, true, false, false, false);
        }
        return site;
    }

    @Test
    void popularRecentAndTopListPublishedExternalArticlesByViewsDateAndRating() {
        String out = render(
                readable("knowledgearticle"),
                "{% assign popular = knowledge.articles | popular: 2 %}{% for a in popular %}{{ a.title }};{% endfor %}|"
                        + "{% assign recent = knowledge.articles | recent: 3 %}"
                        + "{% for a in recent %}{{ a.article_public_number }};{% endfor %}|"
                        + "{% for a in knowledge.articles.top %}{{ a.name }}={{ a.rating }};{% endfor %}");

        assertThat(out)
                .isEqualTo("Pay an invoice;Payer une facture;|KA-01003;KA-01001;KA-01002;|"
                        + "Close an account=5.0;Reset a password=4.5;Payer une facture=4.0;Pay an invoice=3.0;");
    }

    @Test
    void aLanguageCodeKeepsThatLanguagesArticlesAndEachLinksToTheArticlePageInItsLanguage() {
        String out = render(
                readable("knowledgearticle"),
                "{% assign articles = knowledge.articles | popular: 5, 'en-us' %}"
                        + "{% for a in articles %}{{ a.url }} {{ a.view_count }};{% endfor %}|"
                        + "{% assign french = knowledge.articles | popular: 5, 'fr-FR' %}{% for a in french %}{{ a.url }};{% endfor %}|"
                        + "{{ knowledge.articles | popular: 5, 'xx-XX' | size }}");

        assertThat(out)
                .isEqualTo("/knowledgebase/article/KA-01002/en-us 90;/knowledgebase/article/KA-01001/en-us 40;"
                        + "/knowledgebase/article/KA-01003/en-us 10;|/knowledgebase/article/KA-01004/fr-fr;|0");
    }

    @Test
    void categoriesAtTheTopLevelByDateAndByNumber() {
        String out = render(
                readable("category"),
                "{% assign roots = knowledge.categories | top_level: 0 %}{% for c in roots %}{{ c.title }};{% endfor %}|"
                        + "{% assign latest = knowledge.categories | recent: 1 %}{% for c in latest %}{{ c.name }};{% endfor %}|"
                        + "{% assign c = knowledge.categories | category_number: 'CAT-01003' %}{{ c.title }} under "
                        + "{{ c.parentcategoryid.id }}|{{ knowledge.categories | category_number: 'CAT-09999' }}|"
                        + "{% assign e = knowledge.categories | category_number: 'CAT-É&<04' %}{{ e.title }}");

        assertThat(out).isEqualTo("Accounts;Billing;|Invoices;|Invoices under " + ROOT_CATEGORY + "||Échéances");
    }

    @Test
    void withoutReadPermissionOnTheTablesAVisitorSeesNoArticlesNorCategories() {
        String out = render(
                new TestSite(),
                "{{ knowledge.articles.popular | size }}|{{ knowledge.articles | recent: 5, 'en-US' | size }}|"
                        + "{{ knowledge.categories.top_level | size }}");

        assertThat(out).isEqualTo("0|0|0");
    }
}
