package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** $expand with nested $select, alternate keys, conditional GET, and the seeded table permissions. */
class ExpandAndKeysTest extends WebApiTestSupport {

    private static final String FOURTH_COFFEE = "20000000-0000-4000-8000-000000000001";
    private static final String ANONYMOUS_USERS = "22000000-0000-4000-8000-000000000001";

    @Test
    void expandsASingleValuedNavigationPropertyWithItsOwnSelect() {
        StoreClient.Response response = client.get(
                "contacts?$select=fullname&$expand=parentcustomerid_account($select=name)"
                        + "&$filter=lastname eq 'McKay'",
                token);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("@odata.context").asString())
                .endsWith("$metadata#contacts(fullname,parentcustomerid_account(name))");
        JsonNode yvonne = response.body().get("value").get(0);
        assertThat(yvonne.propertyNames())
                .containsExactlyInAnyOrder("@odata.etag", "contactid", "fullname", "parentcustomerid_account");
        assertThat(yvonne.at("/parentcustomerid_account/name").asString()).isEqualTo("Fourth Coffee");
        assertThat(yvonne.at("/parentcustomerid_account/accountid").asString()).isEqualTo(FOURTH_COFFEE);
        assertThat(yvonne.at("/parentcustomerid_account").has("telephone1")).isFalse();
    }

    @Test
    void expandsACollectionValuedNavigationPropertyOfOneRow() {
        client.send(
                "POST",
                "contacts",
                token,
                "{\"fullname\":\"Second Contact\",\"parentcustomerid_account@odata.bind\":\"/accounts(" + FOURTH_COFFEE
                        + ")\"}");

        JsonNode account = client.get(
                        "accounts(" + FOURTH_COFFEE
                                + ")?$select=name&$expand=contact_customer_accounts($select=fullname)",
                        token)
                .body();

        List<String> names = new ArrayList<>();
        account.get("contact_customer_accounts")
                .forEach(c -> names.add(c.get("fullname").asString()));
        assertThat(names).contains("Yvonne McKay", "Second Contact").doesNotContain("Susanna Stubberod");
    }

    @Test
    void expandsCollectionsAcrossAPage() {
        JsonNode accounts = client.get(
                        "accounts?$select=name&$filter=accountnumber eq 'ACC-1002' or accountnumber eq 'ACC-1003'"
                                + "&$expand=contact_customer_accounts($select=fullname)&$orderby=accountnumber",
                        token)
                .body()
                .get("value");

        // other test classes sharing the context may add contacts to ACC-1002 (WebApiTest binds one)
        List<String> first = new ArrayList<>();
        accounts.get(0)
                .get("contact_customer_accounts")
                .forEach(c -> first.add(c.get("fullname").asString()));
        assertThat(first).contains("Susanna Stubberod").doesNotContain("Nancy Anderson");
        assertThat(accounts.get(1).at("/contact_customer_accounts/0/fullname").asString())
                .isEqualTo("Nancy Anderson");
        assertThat(accounts.get(1).get("contact_customer_accounts")).hasSize(1);
    }

    @Test
    void unknownNavigationPropertiesAreBadRequests() {
        StoreClient.Response response = client.get("contacts?$expand=nothing_here", token);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/code").asString()).isEqualTo("0x80060888");
    }

    @Test
    void addressesRowsByAlternateKey() {
        StoreClient.Response found = client.get("accounts(accountnumber='ACC-1003')?$select=name", token);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().get("name").asString()).isEqualTo("Adventure Works");

        StoreClient.Response missing = client.get("accounts(accountnumber='ACC-0000')", token);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().at("/error/code").asString()).isEqualTo("0x80060891");

        StoreClient.Response notAKey = client.get("accounts(telephone1='+1 555 0103')", token);
        assertThat(notAKey.status()).isEqualTo(400);
    }

    @Test
    void upsertsByAlternateKey() {
        String number = "ACC-" + UUID.randomUUID().toString().substring(0, 8);
        StoreClient.Response created =
                client.send("PATCH", "accounts(accountnumber='" + number + "')", token, "{\"name\":\"Upserted\"}");
        assertThat(created.status()).isEqualTo(204);
        StoreClient.Response updated = client.send(
                "PATCH", "accounts(accountnumber='" + number + "')", token, "{\"name\":\"Upserted twice\"}");
        assertThat(updated.status()).isEqualTo(204);
        assertThat(updated.header("OData-EntityId")).isEqualTo(created.header("OData-EntityId"));

        assertThat(client.get("accounts(accountnumber='" + number + "')", token)
                        .body()
                        .get("name")
                        .asString())
                .isEqualTo("Upserted twice");
    }

    @Test
    void answersNotModifiedWhenTheETagStillMatches() {
        String path = "accounts(" + FOURTH_COFFEE + ")?$select=name";
        String etag = client.get(path, token).header("ETag");

        assertThat(client.get(path, token, "If-None-Match", etag).status()).isEqualTo(304);
        client.send(
                "PATCH",
                "accounts(" + FOURTH_COFFEE + ")",
                token,
                "{\"websiteurl\":\"https://fourthcoffee.example/new\"}");
        assertThat(client.get(path, token, "If-None-Match", etag).status()).isEqualTo(200);
    }

    @Test
    void seedsTheAnonymousUsersRoleWithItsTablePermissions() {
        JsonNode permissions = client.get(
                        "adx_entitypermissions?$select=adx_entitylogicalname,adx_scope,adx_read,adx_create,adx_write"
                                + "&$filter=_adx_webroleid_value eq " + ANONYMOUS_USERS
                                + "&$orderby=adx_entitylogicalname"
                                + "&$expand=adx_webroleid($select=adx_name,adx_anonymoususersrole)",
                        token)
                .body()
                .get("value");

        assertThat(permissions).hasSize(2);
        JsonNode account = permissions.get(0);
        assertThat(account.get("adx_entitylogicalname").asString()).isEqualTo("account");
        assertThat(account.get("adx_scope").asInt()).isEqualTo(756150000);
        assertThat(account.get("adx_read").asBoolean()).isTrue();
        assertThat(account.get("adx_create").asBoolean()).isFalse();
        assertThat(account.at("/adx_webroleid/adx_name").asString()).isEqualTo("Anonymous Users");
        assertThat(account.at("/adx_webroleid/adx_anonymoususersrole").asBoolean())
                .isTrue();
        JsonNode contact = permissions.get(1);
        assertThat(contact.get("adx_entitylogicalname").asString()).isEqualTo("contact");
        assertThat(contact.get("adx_read").asBoolean()).isTrue();
        assertThat(contact.get("adx_create").asBoolean()).isTrue();
        assertThat(contact.get("adx_write").asBoolean()).isFalse();
    }
}
