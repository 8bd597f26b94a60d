package dev.powerpages.emulator.store.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Server-driven paging as in Dataverse: Prefer: odata.maxpagesize, @odata.nextLink with a $skiptoken, no $skip. */
class PagingTest extends WebApiTestSupport {

    String prefix;

    @BeforeEach
    void seedSevenAccounts() {
        prefix = "Paging " + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 1; i <= 7; i++) {
            client.send(
                    "POST",
                    "accounts",
                    token,
                    "{\"name\":\"" + prefix + " " + i + "\",\"numberofemployees\":" + i + "}");
        }
    }

    @Test
    void pagesThroughAllRowsWithNextLinksAndCountsThemAll() {
        StoreClient.Response first = client.get(
                "accounts?$select=name&$count=true&$filter=startswith(name,'" + prefix + "')",
                token,
                "Prefer",
                "odata.maxpagesize=3");

        assertThat(first.header("Preference-Applied")).isEqualTo("odata.maxpagesize=3");
        assertThat(first.body().get("@odata.count").asInt()).isEqualTo(7);
        assertThat(first.body().get("value")).hasSize(3);
        String nextLink = first.body().get("@odata.nextLink").asString();
        assertThat(nextLink)
                .startsWith("http://localhost:8070/api/data/v9.2/accounts?")
                .contains("$skiptoken=");

        List<String> names = new ArrayList<>(names(first.body()));
        StoreClient.Response page = first;
        int pages = 1;
        while (page.body().has("@odata.nextLink")) {
            page = client.follow(page.body().get("@odata.nextLink").asString(), token, "Prefer", "odata.maxpagesize=3");
            assertThat(page.status()).isEqualTo(200);
            names.addAll(names(page.body()));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(7).doesNotHaveDuplicates().allMatch(n -> n.startsWith(prefix));
    }

    @Test
    void pagesInTheRequestedOrder() {
        String query =
                "accounts?$select=name,numberofemployees&$orderby=numberofemployees desc&$filter=startswith(name,'"
                        + prefix + "')";
        StoreClient.Response page = client.get(query, token, "Prefer", "odata.maxpagesize=4");
        List<Integer> employees = new ArrayList<>();
        page.body()
                .get("value")
                .forEach(r -> employees.add(r.get("numberofemployees").asInt()));
        page = client.follow(page.body().get("@odata.nextLink").asString(), token, "Prefer", "odata.maxpagesize=4");
        page.body()
                .get("value")
                .forEach(r -> employees.add(r.get("numberofemployees").asInt()));

        assertThat(employees).containsExactly(7, 6, 5, 4, 3, 2, 1);
        assertThat(page.body().has("@odata.nextLink")).isFalse();
    }

    @Test
    void capsThePageSizeAtFiveThousand() {
        StoreClient.Response response = client.get("accounts?$select=name", token, "Prefer", "odata.maxpagesize=20000");

        assertThat(response.header("Preference-Applied")).isEqualTo("odata.maxpagesize=5000");
        assertThat(response.body().has("@odata.nextLink")).isFalse();
    }

    @Test
    void topTurnsServerPagingOff() {
        StoreClient.Response response = client.get(
                "accounts?$top=2&$filter=startswith(name,'" + prefix + "')", token, "Prefer", "odata.maxpagesize=1");

        assertThat(response.body().get("value")).hasSize(2);
        assertThat(response.body().has("@odata.nextLink")).isFalse();
    }

    @Test
    void rejectsClientPagingSearchAndFormatLikeDataverse() {
        for (String option : List.of("$skip=2", "$search=coffee", "$format=json")) {
            StoreClient.Response response = client.get("accounts?" + option, token);
            assertThat(response.status()).as(option).isEqualTo(400);
            assertThat(response.body().at("/error/code").asString()).as(option).isEqualTo("0x80060888");
            assertThat(response.body().at("/error/message").asString())
                    .as(option)
                    .isEqualTo("The query parameter " + option.substring(0, option.indexOf('=')) + " is not supported");
        }
    }

    @Test
    void aForgedSkipTokenIsABadRequest() {
        StoreClient.Response response = client.get("accounts?$skiptoken=garbage", token);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().at("/error/code").asString()).isEqualTo("0x80060888");
    }

    private static List<String> names(JsonNode body) {
        List<String> names = new ArrayList<>();
        body.get("value").forEach(r -> names.add(r.get("name").asString()));
        return names;
    }
}
