package dev.powerpages.emulator.appnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The portals Web API as real sites' scripts use it: writes carry the anti-forgery token that {@code safeAjax} reads
 * from {@code /_layout/tokenhtml}; tables and columns are exposed by the {@code Webapi/<table>/enabled} and
 * {@code /fields} site settings; PATCH and DELETE follow the visitor's table permissions; refusals use the documented
 * error codes.
 */
class WebApiWritesAndSettingsTest extends FakeStoreTestSupport {

    @Test
    void tokenHtmlHandsTheScriptAHiddenInputAndSetsTheCookieToken() {
        HttpResponse<String> tokenHtml = http.get("/_layout/tokenhtml");

        assertThat(tokenHtml.statusCode()).isEqualTo(200);
        assertThat(tokenHtml.body())
                .matches("<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[A-Za-z0-9_-]{20,}\" />");
        assertThat(tokenHtml.headers().firstValue("Set-Cookie"))
                .hasValueSatisfying(cookie -> assertThat(cookie)
                        .startsWith("__RequestVerificationToken=")
                        .contains("HttpOnly", "Path=/"));
        assertThat(tokenHtml.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
    }

    @Test
    void aSafeAjaxStyleCreateWithTheTokenCreatesTheRecordAndAnswersItsId() {
        HttpResponse<String> created = http.post("/_api/contacts", "{\"fullname\":\"Token Bearer\"}", http.apiToken());

        assertThat(created.statusCode()).isEqualTo(204);
        String id = created.headers().firstValue("entityid").orElseThrow();
        assertThat(created.headers().firstValue("OData-EntityId"))
                .hasValue("http://localhost:" + port + "/_api/contacts(" + id + ")");
        assertThat(STORE.rows("contacts"))
                .anyMatch(row -> id.equals(row.get("contactid")) && "Token Bearer".equals(row.get("fullname")));
    }

    @Test
    void writesWithoutAMatchingAntiForgeryTokenAreRefusedWith401Code90040107() {
        String refusal =
                "{\"error\":{\"code\":\"90040107\",\"message\":\"The anti-forgery cookie token and form field token do not match.\"}}";
        HttpResponse<String> noToken = http.post("/_api/contacts", "{\"fullname\":\"No Token\"}");
        assertThat(noToken.statusCode()).isEqualTo(401);
        assertThat(noToken.body()).isEqualTo(refusal);

        String[] mine = http.apiToken();
        String[] someoneElses = http.apiToken();
        // My request token with another browser's cookie token: what a forged cross-site request would have at best.
        HttpResponse<String> crossed = http.post(
                "/_api/contacts",
                "{\"fullname\":\"Crossed\"}",
                "__RequestVerificationToken",
                mine[1],
                "Cookie",
                someoneElses[3]);
        assertThat(crossed.statusCode()).isEqualTo(401);
        assertThat(http.delete("/_api/accounts(" + FakeMetadataStore.ACCOUNT_1 + ")")
                        .statusCode())
                .isEqualTo(401);
        assertThat(http.patch("/_api/accounts(" + FakeMetadataStore.ACCOUNT_1 + ")", "{\"name\":\"x\"}")
                        .statusCode())
                .isEqualTo(401);
        assertThat(STORE.rows("contacts"))
                .noneMatch(row -> "No Token".equals(row.get("fullname")) || "Crossed".equals(row.get("fullname")));
    }

    @Test
    void aTokenFetchedBeforeSigningInNoLongerMatchesOnceSignedIn() {
        String[] anonymousToken = http.apiToken();
        String grace = http.signIn("grace", "Grace-Password-1");

        HttpResponse<String> stale = http.patch(
                "/_api/contacts(" + FakeMetadataStore.GRACE + ")",
                "{\"firstname\":\"Gracie\"}",
                "__RequestVerificationToken",
                anonymousToken[1],
                "Cookie",
                anonymousToken[3] + "; " + grace);

        assertThat(stale.statusCode()).isEqualTo(401);
    }

    @Test
    void aSignedInContactUpdatesTheirOwnRowThroughSelfScopeButNoOneElses() {
        String grace = http.signIn("grace", "Grace-Password-1");

        HttpResponse<String> own = http.patch(
                "/_api/contacts(" + FakeMetadataStore.GRACE + ")", "{\"lastname\":\"Hopper\"}", http.apiToken(grace));
        HttpResponse<String> other = http.patch(
                "/_api/contacts(" + FakeMetadataStore.ADA + ")", "{\"lastname\":\"Byron\"}", http.apiToken(grace));

        assertThat(own.statusCode()).isEqualTo(204);
        assertThat(row("contacts", "contactid", FakeMetadataStore.GRACE).get("lastname"))
                .isEqualTo("Hopper");
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"90040102\",\"message\":\"You don't have permission to update contact entity.\"}}");
        assertThat(row("contacts", "contactid", FakeMetadataStore.ADA).get("lastname"))
                .isEqualTo("Lovelace");
        STORE.update("contacts", "contactid", FakeMetadataStore.GRACE, "lastname", "Brewster");
    }

    @Test
    void putSetsOneColumnAndDeleteOfAColumnClearsIt() {
        String grace = http.signIn("grace", "Grace-Password-1");
        String path = "/_api/contacts(" + FakeMetadataStore.GRACE + ")/emailaddress1";

        assertThat(http.put(path, "{\"value\":\"grace@fabrikam.example\"}", http.apiToken(grace))
                        .statusCode())
                .isEqualTo(204);
        assertThat(row("contacts", "contactid", FakeMetadataStore.GRACE).get("emailaddress1"))
                .isEqualTo("grace@fabrikam.example");
        assertThat(http.delete(path, http.apiToken(grace)).statusCode()).isEqualTo(204);
        assertThat(row("contacts", "contactid", FakeMetadataStore.GRACE).get("emailaddress1"))
                .isNull();
        STORE.update("contacts", "contactid", FakeMetadataStore.GRACE, "emailaddress1", "grace@contoso.example");
    }

    @Test
    void deleteNeedsTheDeletePrivilegeElse90040104() {
        String ada = http.signIn("ada", "Ada-Password-1");
        HttpResponse<String> created = http.post("/_api/accounts", "{\"name\":\"Short-lived\"}", http.apiToken(ada));
        String id = created.headers().firstValue("entityid").orElseThrow();

        HttpResponse<String> anonymous = http.delete("/_api/accounts(" + id + ")", http.apiToken());
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"90040104\",\"message\":\"You don't have permission to delete account entity.\"}}");

        assertThat(http.delete("/_api/accounts(" + id + ")", http.apiToken(ada)).statusCode())
                .isEqualTo(204);
        assertThat(STORE.rows("accounts")).noneMatch(row -> id.equals(row.get("accountid")));
    }

    @Test
    void patchOrDeleteOfACollectionIs405() {
        assertThat(http.patch("/_api/accounts", "{\"name\":\"All\"}", http.apiToken())
                        .statusCode())
                .isEqualTo(405);
        assertThat(http.delete("/_api/accounts", http.apiToken()).statusCode()).isEqualTo(405);
    }

    @Test
    void aTableTheSiteSettingsDoNotEnableIsNotFoundEvenWithReadPermission() {
        HttpResponse<String> tasks = http.get("/_api/tasks");

        assertThat(tasks.statusCode()).isEqualTo(404);
        assertThat(tasks.body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"9004010C\",\"message\":\"Resource not found for the segment 'tasks'.\"}}");
        assertThat(http.get("/_api/adx_webpages").statusCode())
                .as("configuration tables are never exposed")
                .isEqualTo(404);
    }

    @Test
    void readingAColumnNotListedInWebapiFieldsIs403Code90040101() {
        HttpResponse<String> response = http.get("/_api/accounts?$select=name,accountnumber");

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .isEqualTo(
                        "{\"error\":{\"code\":\"90040101\",\"message\":\"Attribute accountnumber in table account is not enabled for Web Api.\"}}");
    }

    @Test
    void withoutSelectTheListedFieldsAndTheKeyAreAnswered() {
        HttpResponse<String> response = http.get("/_api/accounts(" + FakeMetadataStore.ACCOUNT_1 + ")");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"name\":\"Contoso\"", "\"telephone1\":\"555-0100\"")
                .doesNotContain("createdon", "versionnumber");
    }

    @Test
    void writingAColumnNotListedInWebapiFieldsIs403Code90040101() {
        HttpResponse<String> response = http.post(
                "/_api/contacts", "{\"fullname\":\"Nosy\",\"adx_identity_logonenabled\":true}", http.apiToken());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body())
                .contains(
                        "\"code\":\"90040101\"",
                        "Attribute adx_identity_logonenabled in table contact is not enabled for Web Api.");
        assertThat(STORE.rows("contacts")).noneMatch(row -> "Nosy".equals(row.get("fullname")));
    }

    @Test
    void expandingATableTheVisitorMayNotReadIsForbiddenAndAReadableOneIsPassedOn() {
        HttpResponse<String> leads = http.get("/_api/accounts?$select=name&$expand=account_leads($select=subject)");
        assertThat(leads.statusCode()).isEqualTo(403);
        assertThat(leads.body()).contains("\"code\":\"90040120\"", "You don't have permission to read lead entity.");

        HttpResponse<String> notListed =
                http.get("/_api/accounts?$select=name&$expand=primarycontactid($select=adx_identity_passwordhash)");
        assertThat(notListed.statusCode()).isEqualTo(403);

        assertThat(http.get("/_api/accounts?$select=name&$expand=primarycontactid($select=fullname)")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.get("/_api/accounts?$expand=nosuchthing").body())
                .contains("\"code\":\"9004010A\"", "not a navigation property of account");
    }

    @Test
    void fetchXmlQueriesRunWithTheVisitorsPermissionsAndTheListedFields() {
        String fetch = "<fetch><entity name='account'><attribute name='name'/><attribute name='telephone1'/>"
                + "<filter><condition attribute='name' operator='eq' value='Fabrikam'/></filter></entity></fetch>";

        HttpResponse<String> found = http.get("/_api/accounts?fetchXml="
                + java.net.URLEncoder.encode(fetch, java.nio.charset.StandardCharsets.UTF_8));

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body())
                .contains("\"name\":\"Fabrikam\"", "\"telephone1\":\"555-0101\"")
                .doesNotContain("Contoso");
        String notListed = "<fetch><entity name='account'><attribute name='accountnumber'/></entity></fetch>";
        assertThat(http.get("/_api/accounts?fetchXml="
                                + java.net.URLEncoder.encode(notListed, java.nio.charset.StandardCharsets.UTF_8))
                        .body())
                .contains("\"code\":\"90040101\"");
        String leads = "<fetch><entity name='lead'><attribute name='subject'/></entity></fetch>";
        assertThat(http.get("/_api/leads?fetchXml="
                                + java.net.URLEncoder.encode(leads, java.nio.charset.StandardCharsets.UTF_8))
                        .statusCode())
                .as("anonymous visitors may not read leads")
                .isEqualTo(403);
        assertThat(http.get("/_api/accounts?fetchXml="
                                + java.net.URLEncoder.encode("<fetch><entity", java.nio.charset.StandardCharsets.UTF_8))
                        .body())
                .contains("\"code\":\"9004010A\"", "not well-formed");
    }

    @Test
    void countOfATableTheVisitorMayNotReadIs403() {
        HttpResponse<String> count = http.get("/_api/leads/$count");
        assertThat(count.statusCode()).isEqualTo(403);
    }

    @Test
    void referenceAssociationIsNotImplemented501() {
        HttpResponse<String> ref = http.post(
                "/_api/accounts(" + FakeMetadataStore.ACCOUNT_1 + ")/contact_customer_accounts/$ref",
                "{\"@odata.id\":\"/_api/contacts(" + FakeMetadataStore.ADA + ")\"}",
                http.apiToken());
        assertThat(ref.statusCode()).isEqualTo(501);
    }

    private static Map<String, Object> row(String entitySet, String key, String id) {
        return STORE.rows(entitySet).stream()
                .filter(row -> id.equals(row.get(key)))
                .findFirst()
                .orElseThrow();
    }
}
