package dev.powerpages.emulator.store.relationship;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Knowledge articles as a maker writes them and a site reads them: an article in a language (languagelocale), with
 * Dataverse's knowledge states, placed in a category (the N:N knowledgearticle_category, read through its intersect
 * knowledgearticlescategories as real sites' FetchXML links it), categories by number and under their parent.
 */
class KnowledgeTablesTest extends WebApiTestSupport {

    private String created(String set, String body, String studio) {
        StoreClient.Response response = client.send("POST", set, studio, body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(204);
        String location = response.header("OData-EntityId");
        return location.substring(location.lastIndexOf('(') + 1, location.length() - 1);
    }

    @Test
    void aPublishedArticleInALanguageIsPlacedInACategoryAndReadByTheSite() {
        String studio = client.token("powerpages-studio");
        String english =
                created("languagelocale", "{\"name\":\"English\",\"code\":\"en-US\",\"localeid\":1033}", studio);
        String billing = created("categories", "{\"title\":\"Billing\",\"categorynumber\":\"CAT-01001\"}", studio);
        String invoices = created(
                "categories",
                "{\"title\":\"Invoices\",\"categorynumber\":\"CAT-01002\",\"parentcategoryid@odata.bind\":\"/categories("
                        + billing + ")\"}",
                studio);
        String article = created(
                "knowledgearticles",
                "{\"title\":\"Pay an invoice online\",\"articlepublicnumber\":\"KA-01001\",\"knowledgearticleviews\":90,"
                        + "\"rating\":4.5,\"isrootarticle\":false,\"isinternal\":false,\"statecode\":3,\"statuscode\":7,"
                        + "\"languagelocaleid@odata.bind\":\"/languagelocale(" + english + ")\"}",
                studio);
        assertThat(client.send(
                                "POST",
                                "knowledgearticles(" + article + ")/knowledgearticle_category/$ref",
                                studio,
                                "{\"@odata.id\":\"categories(" + invoices + ")\"}")
                        .status())
                .isEqualTo(204);

        JsonNode read = client.get(
                        "knowledgearticles(" + article + ")?$select=title,statuscode,_languagelocaleid_value", token)
                .body();
        assertThat(read.get("statuscode").asInt()).isEqualTo(7);
        // The knowledge states' labels are the table's own, not Dataverse's default Active / Inactive.
        JsonNode label = client.get(
                        "stringmaps?$filter=objecttypecode eq 'knowledgearticle' and attributename eq 'statuscode'"
                                + " and attributevalue eq 7&$select=value",
                        token)
                .body()
                .get("value");
        assertThat(label.get(0).get("value").asString()).isEqualTo("Published");
        assertThat(read.get("_languagelocaleid_value").asString()).isEqualTo(english);
        JsonNode placed = client.get(
                        "knowledgearticlescategoriesset?$filter=_knowledgearticleid_value eq " + article, token)
                .body()
                .get("value");
        assertThat(placed).hasSize(1);
        assertThat(placed.get(0).get("_categoryid_value").asString()).isEqualTo(invoices);
        JsonNode byNumber = client.get(
                        "categories(categorynumber='CAT-01002')?$select=title,_parentcategoryid_value", token)
                .body();
        assertThat(byNumber.get("title").asString()).isEqualTo("Invoices");
        assertThat(byNumber.get("_parentcategoryid_value").asString()).isEqualTo(billing);
    }
}
