package dev.powerpages.emulator.store.enhanced;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.StoreClient;
import dev.powerpages.emulator.store.WebApiTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The enhanced data model: powerpagesite, powerpagesitelanguage and powerpagecomponent rows, read through the mspp_
 * tables as Power Pages reads them, with query options and change tracking, and written through them as Dataverse's
 * virtual tables take writes.
 */
class EnhancedViewsTest extends WebApiTestSupport {

    String studio;
    String site;
    String language;
    String template;
    String pageTemplate;
    String page;

    @BeforeEach
    void anEnhancedSite() {
        studio = client.token("powerpages-studio");
        site = created(
                "powerpagesites",
                "{\"name\":\"Enhanced " + UUID.randomUUID() + "\",\"datamodelversion\":\"2\","
                        + "\"content\":\"{\\\"website_language\\\":1033}\"}");
        language = created(
                "powerpagesitelanguages",
                "{\"name\":\"English\",\"languagecode\":\"en-US\",\"lcid\":1033,"
                        + "\"powerpagesiteid@odata.bind\":\"/powerpagesites(" + site + ")\"}");
        template = component(8, "Default Template", "{\\\"source\\\":\\\"<h1>{{ page.title }}</h1>\\\"}");
        pageTemplate =
                component(6, "Default Page", "{\\\"webtemplateid\\\":\\\"" + template + "\\\",\\\"type\\\":756150001}");
        page = created(
                "powerpagecomponents",
                "{\"name\":\"Home\",\"powerpagecomponenttype\":2,"
                        + "\"content\":\"{\\\"partialurl\\\":\\\"/\\\",\\\"pagetemplateid\\\":\\\"" + pageTemplate
                        + "\\\",\\\"isroot\\\":true,"
                        + "\\\"hiddenfromsitemap\\\":false,\\\"displayorder\\\":1}\","
                        + "\"powerpagesiteid@odata.bind\":\"/powerpagesites(" + site + ")\","
                        + "\"powerpagesitelanguageid@odata.bind\":\"/powerpagesitelanguages(" + language + ")\"}");
    }

    @Test
    void msppTablesAnswerQueriesWithTheComponentsColumns() {
        StoreClient.Response pages = client.get(
                "mspp_webpages?$select=mspp_name,mspp_partialurl,mspp_isroot,mspp_displayorder,"
                        + "_mspp_pagetemplateid_value,_mspp_websiteid_value,_mspp_webpagelanguageid_value&$filter=_mspp_websiteid_value eq "
                        + site
                        + " and mspp_partialurl eq '/'",
                token);

        assertThat(pages.status()).isEqualTo(200);
        assertThat(pages.body().get("value")).hasSize(1);
        JsonNode home = pages.body().at("/value/0");
        assertThat(home.get("mspp_webpageid").asString()).isEqualTo(page);
        assertThat(home.get("mspp_name").asString()).isEqualTo("Home");
        assertThat(home.get("mspp_isroot").asBoolean()).isTrue();
        assertThat(home.get("mspp_displayorder").asInt()).isEqualTo(1);
        assertThat(home.get("_mspp_pagetemplateid_value").asString()).isEqualTo(pageTemplate);
        // a language lookup missing from the content is the component's site language
        assertThat(home.get("_mspp_webpagelanguageid_value").asString()).isEqualTo(language);

        JsonNode website = client.get("mspp_websites(" + site + ")?$select=mspp_name,mspp_website_language", token)
                .body();
        assertThat(website.get("mspp_website_language").asInt()).isEqualTo(1033);
        JsonNode english = client.get(
                        "mspp_websitelanguages(" + language
                                + ")?$select=mspp_languagecode,mspp_lcid,_mspp_websiteid_value",
                        token)
                .body();
        assertThat(english.get("mspp_languagecode").asString()).isEqualTo("en-US");
        assertThat(english.get("_mspp_websiteid_value").asString()).isEqualTo(site);

        JsonNode expanded = client.get(
                        "mspp_webpages(" + page + ")?$select=mspp_name&$expand=mspp_pagetemplateid($select=mspp_name)",
                        token)
                .body();
        assertThat(expanded.at("/mspp_pagetemplateid/mspp_name").asString()).isEqualTo("Default Page");
    }

    @Test
    void aComponentEditShowsInTheViewsDeltaLinkAndADeletionAsATombstone() {
        String deltaLink = client.get("mspp_webpages?$select=mspp_partialurl", token, "Prefer", "odata.track-changes")
                .body()
                .get("@odata.deltaLink")
                .asString();

        assertThat(client.send(
                                "PATCH",
                                "powerpagecomponents(" + page + ")",
                                studio,
                                "{\"content\":\"{\\\"partialurl\\\":\\\"home\\\"}\"}")
                        .status())
                .isEqualTo(204);
        JsonNode changed = client.follow(deltaLink, token).body();
        assertThat(changed.get("value")).hasSize(1);
        assertThat(changed.at("/value/0/mspp_partialurl").asString()).isEqualTo("home");

        assertThat(client.send("DELETE", "powerpagecomponents(" + page + ")", studio, null)
                        .status())
                .isEqualTo(204);
        JsonNode deleted =
                client.follow(changed.get("@odata.deltaLink").asString(), token).body();
        assertThat(deleted.at("/value/0/id").asString()).isEqualTo(page);
        assertThat(deleted.at("/value/0/reason").asString()).isEqualTo("deleted");
        assertThat(client.get("mspp_webpages(" + page + ")", token).status()).isEqualTo(404);
    }

    @Test
    void writesThroughAnMsppTableChangeTheComponent() {
        assertThat(client.send("PATCH", "mspp_webpages(" + page + ")", studio, "{\"mspp_title\":\"Welcome\"}")
                        .status())
                .isEqualTo(204);
        JsonNode content = json(client.get("powerpagecomponents(" + page + ")?$select=content", token)
                .body()
                .get("content")
                .asString());
        assertThat(content.get("title").asString()).isEqualTo("Welcome");
        assertThat(content.get("partialurl").asString()).isEqualTo("/");

        StoreClient.Response created = client.send(
                "POST",
                "mspp_webpages",
                studio,
                "{\"mspp_name\":\"About\",\"mspp_partialurl\":\"about\","
                        + "\"mspp_parentpageid@odata.bind\":\"/mspp_webpages(" + page
                        + ")\",\"mspp_websiteid@odata.bind\":\"/mspp_websites(" + site + ")\"}");
        assertThat(created.status()).isEqualTo(204);
        String about = created.header("OData-EntityId").replaceAll(".*\\((.*)\\)", "$1");
        JsonNode component = client.get(
                        "powerpagecomponents(" + about
                                + ")?$select=name,powerpagecomponenttype,content,_powerpagesiteid_value",
                        token)
                .body();
        assertThat(component.get("name").asString()).isEqualTo("About");
        assertThat(component.get("powerpagecomponenttype").asInt()).isEqualTo(2);
        assertThat(component.get("_powerpagesiteid_value").asString()).isEqualTo(site);
        assertThat(json(component.get("content").asString()).get("parentpageid").asString())
                .isEqualTo(page);

        assertThat(client.send("DELETE", "mspp_webpages(" + about + ")", studio, null)
                        .status())
                .isEqualTo(204);
        assertThat(client.get("powerpagecomponents(" + about + ")", token).status())
                .isEqualTo(404);
    }

    @Test
    void associatedComponentsShowInTheMsppRelationship() {
        String role = component(11, "Authenticated Users", "{\\\"authenticatedusersrole\\\":true}");
        String permission = component(
                18,
                "Accounts",
                "{\\\"entitylogicalname\\\":\\\"account\\\",\\\"scope\\\":756150000,\\\"read\\\":true}");

        assertThat(client.send(
                                "POST",
                                "powerpagecomponents(" + permission + ")/powerpagecomponent_powerpagecomponent/$ref",
                                studio,
                                "{\"@odata.id\":\"powerpagecomponents(" + role + ")\"}")
                        .status())
                .isEqualTo(204);
        JsonNode expanded = client.get(
                        "mspp_entitypermissions(" + permission
                                + ")?$select=mspp_entityname,mspp_read&$expand=mspp_entitypermission_webrole($select=mspp_name,mspp_authenticatedusersrole)",
                        token)
                .body();
        assertThat(expanded.get("mspp_entityname").asString()).isEqualTo("Accounts");
        assertThat(expanded.get("mspp_read").asBoolean()).isTrue();
        assertThat(expanded.at("/mspp_entitypermission_webrole/0/mspp_name").asString())
                .isEqualTo("Authenticated Users");

        // and disassociated through the view's relationship
        assertThat(client.send(
                                "DELETE",
                                "mspp_entitypermissions(" + permission + ")/mspp_entitypermission_webrole(" + role
                                        + ")/$ref",
                                studio,
                                null)
                        .status())
                .isEqualTo(204);
        assertThat(client.get("mspp_entitypermissions(" + permission + ")?$expand=mspp_entitypermission_webrole", token)
                        .body()
                        .get("mspp_entitypermission_webrole"))
                .isEmpty();
        assertThat(client.get(
                                "powerpagecomponents(" + permission + ")?$expand=powerpagecomponent_powerpagecomponent",
                                token)
                        .body()
                        .get("powerpagecomponent_powerpagecomponent"))
                .isEmpty();
    }

    @Test
    void rolesListedInAPermissionsContentShowInTheMsppRelationshipAndRefChangesTheList() {
        String role = component(11, "Members", "{}");
        String permission = component(
                18,
                "Contacts",
                "{\\\"entitylogicalname\\\":\\\"contact\\\",\\\"adx_entitypermission_webrole\\\":[\\\"" + role
                        + "\\\"]}");

        assertThat(client.get(
                                "mspp_entitypermissions(" + permission
                                        + ")?$expand=mspp_entitypermission_webrole($select=mspp_name)",
                                token)
                        .body()
                        .at("/mspp_entitypermission_webrole/0/mspp_name")
                        .asString())
                .isEqualTo("Members");

        String other = component(11, "Editors", "{}");
        assertThat(client.send(
                                "POST",
                                "mspp_entitypermissions(" + permission + ")/mspp_entitypermission_webrole/$ref",
                                studio,
                                "{\"@odata.id\":\"mspp_webroles(" + other + ")\"}")
                        .status())
                .isEqualTo(204);
        assertThat(client.send(
                                "DELETE",
                                "mspp_entitypermissions(" + permission + ")/mspp_entitypermission_webrole(" + role
                                        + ")/$ref",
                                studio,
                                null)
                        .status())
                .isEqualTo(204);
        JsonNode content = json(client.get("powerpagecomponents(" + permission + ")?$select=content", token)
                .body()
                .get("content")
                .asString());
        assertThat(content.get("adx_entitypermission_webrole").toString()).isEqualTo("[\"" + other + "\"]");
        assertThat(client.get(
                                "mspp_entitypermissions(" + permission
                                        + ")?$expand=mspp_entitypermission_webrole($select=mspp_name)",
                                token)
                        .body()
                        .at("/mspp_entitypermission_webrole/0/mspp_name")
                        .asString())
                .isEqualTo("Editors");
    }

    @Test
    void aWebFilesContentIsTheComponentsFileColumn() throws Exception {
        String file = component(3, "logo.png", "{\\\"partialurl\\\":\\\"logo.png\\\"}");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff};
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + StoreClient.API + "powerpagecomponents("
                                + file + ")/filecontent"))
                        .header("Authorization", "Bearer " + studio)
                        .header("Content-Type", "application/octet-stream")
                        .header("x-ms-file-name", "logo.png")
                        .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(png))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).isEqualTo(204);

        HttpResponse<byte[]> download = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + StoreClient.API + "powerpagecomponents("
                                + file + ")/filecontent/$value"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(png);
        assertThat(download.headers().firstValue("x-ms-file-name")).hasValue("logo.png");
        assertThat(download.headers().firstValue("x-ms-file-size")).hasValue("8");

        // a file column is not part of the row's JSON, as in Dataverse; its name is
        JsonNode row = client.get("powerpagecomponents(" + file + ")", token).body();
        assertThat(row.has("filecontent")).isFalse();
        assertThat(row.get("filecontent_name").asString()).isEqualTo("logo.png");
        assertThat(client.get("mspp_webfiles(" + file + ")?$select=mspp_partialurl", token)
                        .body()
                        .get("mspp_partialurl")
                        .asString())
                .isEqualTo("logo.png");
    }

    private String component(int type, String name, String escapedContent) {
        return created(
                "powerpagecomponents",
                "{\"name\":\"" + name + "\",\"powerpagecomponenttype\":" + type + ",\"content\":\"" + escapedContent
                        + "\",\"powerpagesiteid@odata.bind\":\"/powerpagesites(" + site + ")\"}");
    }

    private String created(String set, String body) {
        StoreClient.Response response = client.send("POST", set, studio, body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(204);
        return response.header("OData-EntityId").replaceAll(".*\\((.*)\\)", "$1");
    }

    private static JsonNode json(String text) {
        return JsonMapper.builder().build().readTree(text);
    }
}
