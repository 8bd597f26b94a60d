package dev.powerpages.emulator.appnode.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SiteApiLinksTest {

    private static final String SITE = "https://www.contoso.example/_api";

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void rebasesContextNextLinkAndEntityLinksOfAnEnvironmentWithAPathPrefix() {
        String store = "http://store.internal:8070/fabrikam/api/data/v9.2";
        JsonNode body = json.readTree("""
                {"@odata.context":"%1$s/$metadata#accounts(name)","value":[{"@odata.etag":"W/\\"7\\"","@odata.id":"%1$s/accounts(1)",
                "@odata.editLink":"accounts(1)","name":"Contoso","contact_customer_accounts@odata.nextLink":"%1$s/accounts(1)/contact_customer_accounts?$skiptoken=2"}],
                "@odata.nextLink":"%1$s/accounts?$select=name&$skiptoken=abc"}""".formatted(store));

        JsonNode rebased = SiteApiLinks.rebase(body, SITE);

        assertThat(json.writeValueAsString(rebased)).isEqualTo("""
                {"@odata.context":"%1$s/$metadata#accounts(name)","value":[{"@odata.etag":"W/\\"7\\"","@odata.id":"%1$s/accounts(1)",\
                "@odata.editLink":"accounts(1)","name":"Contoso","contact_customer_accounts@odata.nextLink":"%1$s/accounts(1)/contact_customer_accounts?$skiptoken=2"}],\
                "@odata.nextLink":"%1$s/accounts?$select=name&$skiptoken=abc"}""".formatted(SITE));
        assertThat(body.get("@odata.context").asString())
                .as("the cached original is untouched")
                .startsWith(store);
        assertThat(body.get("value").get(0).get("@odata.id").asString()).startsWith(store);
    }

    @Test
    void leavesAnAnswerWithoutStoreLinksAsItIs() {
        JsonNode body = json.readTree(
                "{\"value\":[{\"name\":\"see http://store/api/data/v9.2/accounts\",\"@odata.etag\":\"W/\\\"1\\\"\"}]}");

        assertThat(SiteApiLinks.rebase(body, SITE))
                .as("no copy when nothing changes")
                .isSameAs(body);
    }
}
