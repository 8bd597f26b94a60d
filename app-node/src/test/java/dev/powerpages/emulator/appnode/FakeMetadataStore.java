package dev.powerpages.emulator.appnode;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process stand-in for the metadata store, speaking the shapes of docs/architecture.md: the Entra-style
 * token endpoint ({@code POST /contoso/oauth2/v2.0/token}, client secret in the form) and the Dataverse Web API
 * ({@code GET /api/data/v9.2/{entitySet}?$select=…&$filter=…}, bearer token required, OData JSON answers).
 * It holds a small website: home, about, about/team, a draft, a "Page Not Found" page, a page whose template does
 * not parse, a navigation link set and one web file with two versions of its note.
 */
public final class FakeMetadataStore {

    public static final String TENANT = "contoso";
    public static final String CLIENT_ID = "powerpages-site";
    public static final String CLIENT_SECRET = "emulator-secret";
    public static final String CSS = "body { color: #336699; }";

    static final String WEBSITE = "10000000-0000-0000-0000-000000000001";
    static final String PUBLISHED = "20000000-0000-0000-0000-000000000001";
    static final String DRAFT = "20000000-0000-0000-0000-000000000002";
    static final String HOME = "30000000-0000-0000-0000-000000000001";
    static final String ABOUT = "30000000-0000-0000-0000-000000000002";
    static final String TEAM = "30000000-0000-0000-0000-000000000003";
    static final String SECRET = "30000000-0000-0000-0000-000000000004";
    static final String NOT_FOUND = "30000000-0000-0000-0000-000000000005";
    static final String BROKEN = "30000000-0000-0000-0000-000000000006";
    static final String CSS_FILE = "40000000-0000-0000-0000-000000000001";

    private final HttpServer server;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final Map<String, List<Map<String, Object>>> tables = new HashMap<>();
    private final JsonMapper json = JsonMapper.builder().build();

    private FakeMetadataStore() throws IOException {
        seed();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/" + TENANT + "/oauth2/v2.0/token", this::token);
        server.createContext("/api/data/v9.2/", this::webApi);
        server.start();
    }

    public static FakeMetadataStore start() {
        try {
            return new FakeMetadataStore();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Stops listening: further calls are refused, as when the store process is down. */
    public void stop() {
        server.stop(0);
    }

    private void token(HttpExchange exchange) throws IOException {
        tokenRequests.incrementAndGet();
        Map<String, String> form = parseQuery(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        if (!"POST".equals(exchange.getRequestMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
            send(exchange, 400, Map.of("error", "unsupported_grant_type"));
            return;
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            send(exchange, 401, Map.of("error", "invalid_client", "error_description", "AADSTS7000215: Invalid client secret provided."));
            return;
        }
        String token = "fake-token-" + tokenRequests.get();
        issuedTokens.add(token);
        send(exchange, 200, Map.of("token_type", "Bearer", "expires_in", 3599, "access_token", token));
    }

    private void webApi(HttpExchange exchange) throws IOException {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ") || !issuedTokens.contains(authorization.substring(7))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
            send(exchange, 401, Map.of("error", Map.of("code", "0x80072184", "message", "Bearer token is missing or invalid")));
            return;
        }
        String entitySet = exchange.getRequestURI().getPath().substring("/api/data/v9.2/".length());
        List<Map<String, Object>> rows = tables.get(entitySet);
        if (rows == null) {
            send(exchange, 404, Map.of("error", Map.of("code", "0x8006088a", "message", "Resource not found for the segment '" + entitySet + "'.")));
            return;
        }
        Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        // Like Dataverse, reject a $select naming a column the entity does not have.
        if (query.get("$select") != null && !rows.isEmpty()) {
            for (String column : query.get("$select").split(",")) {
                if (!rows.get(0).containsKey(column.trim())) {
                    send(exchange, 400, Map.of("error", Map.of("code", "0x80060888",
                            "message", "Could not find a property named '" + column.trim() + "' on type 'Microsoft.Dynamics.CRM." + entitySet + "'.")));
                    return;
                }
            }
        }
        List<Map<String, Object>> value = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (matches(row, query.get("$filter"))) {
                value.add(select(row, query.get("$select")));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", url() + "/api/data/v9.2/$metadata#" + entitySet);
        body.put("value", value);
        send(exchange, 200, body);
    }

    /** Only {@code column eq value} (a GUID unquoted, as Dataverse writes it) is needed by the node. */
    private static boolean matches(Map<String, Object> row, String filter) {
        if (filter == null) {
            return true;
        }
        String[] parts = filter.split(" eq ", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("Unsupported $filter: " + filter);
        }
        return parts[1].trim().replace("'", "").equals(String.valueOf(row.get(parts[0].trim())));
    }

    private static Map<String, Object> select(Map<String, Object> row, String select) {
        Map<String, Object> selected = new LinkedHashMap<>();
        selected.put("@odata.etag", "W/\"" + row.getOrDefault("versionnumber", 1) + "\"");
        if (select == null) {
            selected.putAll(row);
            return selected;
        }
        for (String column : select.split(",")) {
            selected.put(column.trim(), row.get(column.trim()));
        }
        return selected;
    }

    private void send(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; odata.metadata=minimal");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> parseQuery(String query) {
        Map<String, String> values = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.put(key, value);
        }
        return values;
    }

    private void seed() {
        table("adx_websites", row("adx_websiteid", WEBSITE, "adx_name", "Contoso Pages"));
        table("adx_publishingstates",
                row("adx_publishingstateid", PUBLISHED, "adx_name", "Published", "adx_isvisible", true),
                row("adx_publishingstateid", DRAFT, "adx_name", "Draft", "adx_isvisible", false));
        table("adx_webtemplates",
                row("adx_webtemplateid", "50000000-0000-0000-0000-000000000001", "adx_name", "Layout", "adx_mimetype", null,
                        "adx_source", "<!DOCTYPE html><html><head><title>{{ page.title }} | {{ website.name }}</title>"
                                + "<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body>{% include 'Header' %}"
                                + "<main><h1>{{ page.title }}</h1>{{ page.copy }}</main>"
                                + "<p class=\"unknown\">[{{ no_such_object.title }}][{{ user.fullname }}]</p>"
                                + "<p class=\"marker\">{{ sitemarkers['Page Not Found'].url }}</p>"
                                + "<ul class=\"children\">{% for child in page.children %}<li>{{ child.title }}={{ child.url }}</li>{% endfor %}</ul>"
                                + "{{ snippets['Footer Text'] }}<p class=\"year\">{{ now | date: '%Y' }}</p></body></html>"),
                row("adx_webtemplateid", "50000000-0000-0000-0000-000000000002", "adx_name", "Header", "adx_mimetype", null,
                        "adx_source", "<nav>{% for link in weblinks['Primary Navigation'].weblinks %}"
                                + "<a href=\"{{ link.url }}\">{{ link.name }}</a>{% endfor %}</nav>"
                                + "<ol class=\"breadcrumbs\">{% for crumb in page.breadcrumbs %}<li>{{ crumb.title }}</li>{% endfor %}</ol>"),
                row("adx_webtemplateid", "50000000-0000-0000-0000-000000000003", "adx_name", "Broken Template", "adx_mimetype", null,
                        "adx_source", "<p>{% if page.title %}never closed</p>{% for %}"));
        table("adx_pagetemplates",
                row("adx_pagetemplateid", "60000000-0000-0000-0000-000000000001", "adx_name", "Default",
                        "_adx_webtemplateid_value", "50000000-0000-0000-0000-000000000001"),
                row("adx_pagetemplateid", "60000000-0000-0000-0000-000000000002", "adx_name", "Broken",
                        "_adx_webtemplateid_value", "50000000-0000-0000-0000-000000000003"));
        String layout = "60000000-0000-0000-0000-000000000001";
        table("adx_webpages",
                page(HOME, "Home", "Welcome to Contoso", "/", null, layout, PUBLISHED, "<p>Home copy</p>", false, 1),
                page(ABOUT, "About", "About us", "about", HOME, layout, PUBLISHED, "<p>About copy</p>", false, 2),
                page(TEAM, "Team", "Our team", "team", ABOUT, layout, PUBLISHED, "<p>Team copy</p>", false, 1),
                page(SECRET, "Secret", "Unreleased product", "secret", HOME, layout, DRAFT, "<p>Draft copy</p>", false, 3),
                page(NOT_FOUND, "Page Not Found", "Sorry, this page does not exist", "page-not-found", HOME, layout, PUBLISHED,
                        "<p>Try the home page.</p>", true, 9),
                page(BROKEN, "Broken", "Broken page", "broken", HOME, "60000000-0000-0000-0000-000000000002", PUBLISHED,
                        "", true, 10));
        table("adx_contentsnippets", row("adx_name", "Footer Text", "adx_value", "<footer>&copy; Contoso Ltd</footer>"));
        table("adx_sitesettings",
                row("adx_name", "Search/Enabled", "adx_value", "false"),
                row("adx_name", "HTTP/X-Frame-Options", "adx_value", "SAMEORIGIN"),
                row("adx_name", "WebFiles/Cache-Control", "adx_value", "public, max-age=300"));
        table("adx_sitemarkers", row("adx_name", "Page Not Found", "_adx_pageid_value", NOT_FOUND));
        String nav = "70000000-0000-0000-0000-000000000001";
        table("adx_weblinksets", row("adx_weblinksetid", nav, "adx_name", "Primary Navigation"));
        table("adx_weblinks",
                row("adx_name", "About", "_adx_weblinksetid_value", nav, "_adx_pageid_value", ABOUT, "adx_externalurl", null, "adx_displayorder", 2),
                row("adx_name", "Home", "_adx_weblinksetid_value", nav, "_adx_pageid_value", HOME, "adx_externalurl", null, "adx_displayorder", 1),
                row("adx_name", "Docs", "_adx_weblinksetid_value", nav, "_adx_pageid_value", null, "adx_externalurl", "https://learn.microsoft.com/power-pages/", "adx_displayorder", 3),
                row("adx_name", "Secret", "_adx_weblinksetid_value", nav, "_adx_pageid_value", SECRET, "adx_externalurl", null, "adx_displayorder", 4));
        table("adx_webfiles", row("adx_webfileid", CSS_FILE, "adx_name", "site.css", "adx_partialurl", "css/site.css",
                "_adx_parentpageid_value", HOME));
        table("annotations",
                row("_objectid_value", CSS_FILE, "mimetype", "text/css", "filename", "site.css", "createdon", "2024-01-01T08:00:00Z",
                        "documentbody", base64("body { color: black; }")),
                row("_objectid_value", CSS_FILE, "mimetype", "text/css", "filename", "site.css", "createdon", "2024-03-01T08:00:00Z",
                        "documentbody", base64(CSS)));
    }

    private static Map<String, Object> page(String id, String name, String title, String partialUrl, String parentId,
            String pageTemplateId, String stateId, String copy, boolean hidden, int order) {
        return row("adx_webpageid", id, "adx_name", name, "adx_title", title, "adx_partialurl", partialUrl,
                "_adx_parentpageid_value", parentId, "_adx_pagetemplateid_value", pageTemplateId,
                "_adx_websiteid_value", WEBSITE, "_adx_publishingstateid_value", stateId, "adx_copy", copy,
                "adx_hiddenfromsitemap", hidden, "adx_displayorder", order);
    }

    private void table(String entitySet, Map<String, Object>... rows) {
        tables.put(entitySet, List.of(rows));
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        row.put("createdon", row.getOrDefault("createdon", "2024-01-01T00:00:00Z"));
        row.put("modifiedon", "2024-01-02T00:00:00Z");
        row.put("statecode", 0);
        row.put("statuscode", 1);
        row.put("versionnumber", 1000);
        return row;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
