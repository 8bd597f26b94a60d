package dev.powerpages.emulator.appnode.fetchxml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.appnode.site.SitePermissions;
import dev.powerpages.emulator.appnode.site.TablePermission;
import dev.powerpages.emulator.appnode.tables.DataverseNames;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * FetchXML run over rows as the store's Web API answers them. The rows here are answered whatever the pushed-down
 * {@code $filter} says (the store's filtering is the store's to test): every result below comes from the engine's own
 * joins, filters, ordering, aggregates and paging, which is what the pushed-down filter must never change.
 */
class FetchXmlEngineTest {

    static final String CONTOSO = "a0000000-0000-4000-8000-000000000001";
    static final String FABRIKAM = "a0000000-0000-4000-8000-000000000002";
    static final String LITWARE = "a0000000-0000-4000-8000-000000000003";
    static final String ADA = "c0000000-0000-4000-8000-000000000001";
    static final String GRACE = "c0000000-0000-4000-8000-000000000002";
    static final String LINUS = "c0000000-0000-4000-8000-000000000003";
    static final Instant NOW = Instant.parse("2026-12-05T12:00:00Z");
    static final TablePermission READ = new TablePermission(true, false, false, false);

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<String> reads = new ArrayList<>();
    private final Map<String, String> tables = Map.of(
            "account", """
                    [{"accountid":"a0000000-0000-4000-8000-000000000001","name":"Contoso","revenue":500000.00,"numberofemployees":120,
                      "_primarycontactid_value":"c0000000-0000-4000-8000-000000000001",
                      "_primarycontactid_value@Microsoft.Dynamics.CRM.lookuplogicalname":"contact",
                      "_primarycontactid_value@OData.Community.Display.V1.FormattedValue":"Ada Lovelace","createdon":"2026-12-04T09:00:00Z","statecode":0},
                     {"accountid":"a0000000-0000-4000-8000-000000000002","name":"Fabrikam","revenue":1500000.00,"numberofemployees":40,
                      "_primarycontactid_value":null,"createdon":"2025-06-01T09:00:00Z","statecode":0},
                     {"accountid":"a0000000-0000-4000-8000-000000000003","name":"Litware","revenue":null,"numberofemployees":40,
                      "_primarycontactid_value":"c0000000-0000-4000-8000-000000000003","createdon":"2026-11-20T09:00:00Z","statecode":1}]""",
            "contact", """
                    [{"contactid":"c0000000-0000-4000-8000-000000000001","fullname":"Ada Lovelace","_parentcustomerid_value":"a0000000-0000-4000-8000-000000000001","jobtitle":"CEO"},
                     {"contactid":"c0000000-0000-4000-8000-000000000002","fullname":"Grace Hopper","_parentcustomerid_value":"a0000000-0000-4000-8000-000000000001","jobtitle":"CTO"},
                     {"contactid":"c0000000-0000-4000-8000-000000000003","fullname":"Linus Torvalds","_parentcustomerid_value":"a0000000-0000-4000-8000-000000000003","jobtitle":null}]""",
            "task", """
                    [{"activityid":"d0000000-0000-4000-8000-000000000001","subject":"Call","_regardingobjectid_value":"c0000000-0000-4000-8000-000000000002"}]""");

    private FetchXmlEngine engine() {
        return new FetchXmlEngine(
                (table, options) -> {
                    reads.add(table + "?" + URLDecoder.decode(options, StandardCharsets.UTF_8));
                    return json.readTree("{\"value\":" + tables.getOrDefault(table, "[]") + "}");
                },
                table -> table.equals("task") ? "activityid" : table + "id",
                DataverseNames::looksLikeLookup,
                false,
                NOW);
    }

    private static FetchXmlEngine.Visitor readsAll() {
        return new FetchXmlEngine.Visitor(table -> new SitePermissions.Access(READ, TablePermission.NONE), null);
    }

    private FetchXmlEngine.Results run(String fetch) {
        return engine().run(FetchXmlEngine.parse(fetch), readsAll());
    }

    private static List<Object> column(FetchXmlEngine.Results results, String column) {
        return results.entities().stream().map(entity -> entity.get(column)).toList();
    }

    @Test
    void nestedAndOrFiltersWithTextNumberDateAndNullOperatorsFollowDataverseSemantics() {
        FetchXmlEngine.Results results = run("""
                <fetch><entity name="account"><attribute name="name"/>
                  <filter type="and">
                    <condition attribute="statecode" operator="eq" value="0"/>
                    <filter type="or">
                      <condition attribute="name" operator="like" value="c_nt%"/>
                      <condition attribute="revenue" operator="gt" value="1000000"/>
                    </filter>
                    <condition attribute="createdon" operator="on-or-after" value="2025-01-01"/>
                  </filter></entity></fetch>""");

        assertThat(column(results, "name")).containsExactly("Contoso", "Fabrikam");
        assertThat(column(
                        run(
                                "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='revenue' operator='null'/></filter></entity></fetch>"),
                        "name"))
                .containsExactly("Litware");
        assertThat(column(
                        run(
                                "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='revenue' operator='ne' value='500000'/></filter></entity></fetch>"),
                        "name"))
                .as("null matches no comparison")
                .containsExactly("Fabrikam");
        assertThat(column(
                        run(
                                "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='name' operator='eq' value='CONTOSO'/></filter></entity></fetch>"),
                        "name"))
                .as("text compares without regard to case")
                .containsExactly("Contoso");
        assertThat(column(
                        run(
                                "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='createdon' operator='last-x-days' value='30'/></filter></entity></fetch>"),
                        "name"))
                .containsExactly("Contoso", "Litware");
        assertThat(column(
                        run(
                                "<fetch><entity name='account'><attribute name='name'/><filter><condition attribute='numberofemployees' operator='between'><value>50</value><value>200</value></condition></filter></entity></fetch>"),
                        "name"))
                .containsExactly("Contoso");
    }

    @Test
    void anInnerLinkDropsRowsWithoutAMatchAndHandsTheLinkedColumnsUnderTheirAlias() {
        FetchXmlEngine.Results results = run("""
                <fetch><entity name="account"><attribute name="name"/><order attribute="name"/>
                  <link-entity name="contact" from="contactid" to="primarycontactid" alias="pc">
                    <attribute name="fullname"/>
                  </link-entity></entity></fetch>""");

        assertThat(column(results, "name")).containsExactly("Contoso", "Litware");
        assertThat(column(results, "pc.fullname")).containsExactly("Ada Lovelace", "Linus Torvalds");
        assertThat(reads)
                .anySatisfy(
                        read -> assertThat(read)
                                .startsWith(
                                        "contact?$filter=(contactid eq c0000000-0000-4000-8000-000000000001 or contactid eq c0000000-0000-4000-8000-000000000003)"));
    }

    @Test
    void anOuterLinkKeepsEveryRowAndAOneToManyLinkGivesARowPerMatch() {
        FetchXmlEngine.Results results = run("""
                <fetch><entity name="account"><attribute name="name"/><order attribute="name"/>
                  <link-entity name="contact" from="parentcustomerid" to="accountid" link-type="outer" alias="c">
                    <attribute name="fullname"/><order attribute="fullname" descending="true"/>
                  </link-entity></entity></fetch>""");

        assertThat(column(results, "name")).containsExactly("Contoso", "Contoso", "Fabrikam", "Litware");
        assertThat(column(results, "c.fullname"))
                .containsExactly("Grace Hopper", "Ada Lovelace", null, "Linus Torvalds");
    }

    @Test
    void conditionsOnALinkedAliasAndNestedLinksAndLinkFiltersApply() {
        FetchXmlEngine.Results outerWhereNull = run("""
                <fetch><entity name="account"><attribute name="name"/>
                  <link-entity name="contact" from="contactid" to="primarycontactid" link-type="outer" alias="pc"/>
                  <filter><condition entityname="pc" attribute="contactid" operator="null"/></filter>
                </entity></fetch>""");
        assertThat(column(outerWhereNull, "name"))
                .as("accounts without a primary contact")
                .containsExactly("Fabrikam");

        FetchXmlEngine.Results nested = run("""
                <fetch><entity name="account"><attribute name="name"/>
                  <link-entity name="contact" from="parentcustomerid" to="accountid" alias="c">
                    <attribute name="fullname"/>
                    <filter><condition attribute="jobtitle" operator="not-null"/></filter>
                    <link-entity name="task" from="regardingobjectid" to="contactid" alias="t"><attribute name="subject"/></link-entity>
                  </link-entity></entity></fetch>""");
        assertThat(nested.entities()).singleElement().satisfies(row -> {
            assertThat(row.get("name")).isEqualTo("Contoso");
            assertThat(row.get("c.fullname")).isEqualTo("Grace Hopper");
            assertThat(row.get("t.subject")).isEqualTo("Call");
        });

        assertThat(column(run("""
                <fetch><entity name="account"><attribute name="name"/>
                  <link-entity name="contact" from="parentcustomerid" to="accountid" link-type="not any"/></entity></fetch>"""), "name")).containsExactly("Fabrikam");
        assertThat(column(run("""
                <fetch><entity name="account"><attribute name="name"/>
                  <link-entity name="contact" from="parentcustomerid" to="accountid" link-type="exists"/></entity></fetch>"""), "name"))
                .as("a semi-join: one row per account")
                .containsExactly("Contoso", "Litware");
    }

    @Test
    void pagesByCountAndPageWithMoreRecordsTheTotalCountAndAPagingCookie() {
        String fetch =
                "<fetch count='2' page='%d' returntotalrecordcount='true'><entity name='contact'><attribute name='fullname'/>"
                        + "<order attribute='fullname'/></entity></fetch>";

        FetchXmlEngine.Results first = run(fetch.formatted(1));
        FetchXmlEngine.Results second = run(fetch.formatted(2));

        assertThat(column(first, "fullname")).containsExactly("Ada Lovelace", "Grace Hopper");
        assertThat(first.moreRecords()).isTrue();
        assertThat(first.totalRecordCount()).isEqualTo(3);
        assertThat(first.pagingCookie())
                .isEqualTo(
                        "<cookie page=\"1\"><contactid last=\"{C0000000-0000-4000-8000-000000000002}\" first=\"{C0000000-0000-4000-8000-000000000001}\" /></cookie>");
        assertThat(column(second, "fullname")).containsExactly("Linus Torvalds");
        assertThat(second.moreRecords()).isFalse();
        assertThat(run("<fetch top='1'><entity name='contact'/></fetch>").totalRecordCount())
                .as("not asked for")
                .isEqualTo(-1);
    }

    @Test
    void aggregatesCountSumAverageMinMaxGroupedAndByDate() {
        FetchXmlEngine.Results byEmployees = run("""
                <fetch aggregate="true"><entity name="account">
                  <attribute name="numberofemployees" alias="size" groupby="true"/>
                  <attribute name="accountid" alias="accounts" aggregate="count"/>
                  <attribute name="revenue" alias="revenue_total" aggregate="sum"/>
                  <attribute name="revenue" alias="revenue_with_value" aggregate="countcolumn"/>
                  <order alias="size" descending="true"/>
                </entity></fetch>""");
        assertThat(byEmployees.entities())
                .containsExactly(
                        Map.of(
                                "size",
                                120L,
                                "accounts",
                                1L,
                                "revenue_total",
                                new java.math.BigDecimal("500000"),
                                "revenue_with_value",
                                1L),
                        Map.of(
                                "size",
                                40L,
                                "accounts",
                                2L,
                                "revenue_total",
                                new java.math.BigDecimal("1500000"),
                                "revenue_with_value",
                                1L));

        FetchXmlEngine.Results overall = run("""
                <fetch aggregate="true"><entity name="account">
                  <attribute name="revenue" alias="average" aggregate="avg"/>
                  <attribute name="createdon" alias="first" aggregate="min"/>
                  <attribute name="name" alias="last" aggregate="max"/>
                </entity></fetch>""");
        assertThat(overall.entities()).singleElement().satisfies(row -> {
            assertThat(row.get("average")).isEqualTo(new java.math.BigDecimal("1000000"));
            assertThat(row.get("first")).isEqualTo("2025-06-01T09:00:00Z");
            assertThat(row.get("last")).isEqualTo("Litware");
        });

        FetchXmlEngine.Results byYear = run("""
                <fetch aggregate="true"><entity name="account">
                  <attribute name="createdon" alias="year" groupby="true" dategrouping="year"/>
                  <attribute name="accountid" alias="n" aggregate="count"/><order alias="year"/>
                </entity></fetch>""");
        assertThat(byYear.entities()).containsExactly(Map.of("year", 2025L, "n", 1L), Map.of("year", 2026L, "n", 2L));
    }

    @Test
    void lookupsAreReferencesWithTheirTableAndNameAndDistinctDropsRepeats() {
        Map<String, Object> contoso = run("<fetch><entity name='account'><attribute name='primarycontactid'/>"
                        + "<filter><condition attribute='accountid' operator='eq' value='{A0000000-0000-4000-8000-000000000001}'/></filter></entity></fetch>")
                .entities()
                .get(0);
        assertThat(contoso.get("primarycontactid"))
                .isEqualTo(Map.of("id", ADA, "Id", ADA, "logical_name", "contact", "name", "Ada Lovelace"));
        assertThat(contoso.get("id")).isEqualTo(CONTOSO);
        assertThat(contoso.get("logical_name")).isEqualTo("account");

        assertThat(column(
                        run(
                                "<fetch distinct='true'><entity name='account'><attribute name='numberofemployees'/></entity></fetch>"),
                        "numberofemployees"))
                .containsExactly(120L, 40L);
    }

    @Test
    void tablePermissionsDecideWhatTheQuerySees() {
        FetchXmlEngine.Visitor noContacts = new FetchXmlEngine.Visitor(
                table -> table.equals("account")
                        ? new SitePermissions.Access(READ, TablePermission.NONE)
                        : SitePermissions.Access.NONE,
                null);
        String joined = "<fetch><entity name='account'><attribute name='name'/>"
                + "<link-entity name='contact' from='contactid' to='primarycontactid' link-type='%s' alias='pc'><attribute name='fullname'/></link-entity></entity></fetch>";

        assertThat(engine().run(FetchXmlEngine.parse(joined.formatted("inner")), noContacts)
                        .entities())
                .as("nothing to join")
                .isEmpty();
        assertThat(engine().run(FetchXmlEngine.parse(joined.formatted("outer")), noContacts)
                        .entities())
                .hasSize(3)
                .allSatisfy(row -> assertThat(row.get("pc.fullname")).isNull());
        assertThat(engine().run(FetchXmlEngine.parse("<fetch><entity name='contact'/></fetch>"), noContacts)
                        .entities())
                .isEmpty();

        FetchXmlEngine.Visitor grace =
                new FetchXmlEngine.Visitor(table -> new SitePermissions.Access(TablePermission.NONE, READ), GRACE);
        assertThat(column(
                        engine().run(
                                        FetchXmlEngine.parse(
                                                "<fetch><entity name='contact'><attribute name='fullname'/></entity></fetch>"),
                                        grace),
                        "fullname"))
                .as("Self scope: the visitor's own contact")
                .containsExactly("Grace Hopper");
        assertThat(reads).anySatisfy(read -> assertThat(read).isEqualTo("contact?$filter=contactid eq " + GRACE));
    }

    @Test
    void pushesDownToTheStoreOnlyWhatTranslatesUnambiguously() {
        run("""
                <fetch top="5" returntotalrecordcount="true"><entity name="account"><attribute name="name"/>
                  <order attribute="name" descending="true"/>
                  <filter>
                    <condition attribute="name" operator="like" value="%Coffee%"/>
                    <condition attribute="primarycontactid" operator="eq" value="{C0000000-0000-4000-8000-000000000001}"/>
                    <condition attribute="name" operator="ne" value="O'Neil &amp; Sons"/>
                  </filter></entity></fetch>""");
        run(
                "<fetch><entity name='account'><filter><condition attribute='revenue' operator='gt' value='5'/><condition attribute='name' operator='begins-with' value='C'/></filter></entity></fetch>");

        assertThat(reads)
                .containsExactly(
                        "account?$filter=(contains(name,'Coffee') and _primarycontactid_value eq c0000000-0000-4000-8000-000000000001 and name ne 'O''Neil & Sons')"
                                + "&$orderby=name desc&$top=6&$count=true",
                        "account?$filter=startswith(name,'C')");
    }

    @Test
    void refusesWhatItCannotRunWithAClearMessage() {
        for (String fetch : List.of(
                "<fetch aggregate='true'><entity name='account'><attribute name='name'/></entity></fetch>",
                "<fetch><entity name='account'><filter><condition attribute='name' operator='under' value='x'/></filter></entity></fetch>",
                "<fetch top='0'><entity name='account'/></fetch>",
                "<fetch top='5' count='2'><entity name='account'/></fetch>",
                "<fetch><entity name='account; drop'/></fetch>",
                "<fetch><entity name='account'><link-entity name='contact' from='contactid' to='primarycontactid' link-type='sideways'/></entity></fetch>",
                "<fetch><entity name='account'>",
                "<!DOCTYPE fetch [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><fetch><entity name='&x;'/></fetch>")) {
            assertThatThrownBy(() -> FetchXmlEngine.parse(fetch)).as(fetch).isInstanceOf(FetchXmlException.class);
        }
    }

    static Set<String> unused() {
        return Set.of(FABRIKAM, LITWARE, LINUS);
    }
}
