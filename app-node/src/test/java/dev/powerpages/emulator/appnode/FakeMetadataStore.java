package dev.powerpages.emulator.appnode;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okio.ByteString;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process stand-in for the metadata store on MockWebServer, speaking the shapes of docs/architecture.md: the Entra-style
 * token endpoint ({@code POST /contoso/oauth2/v2.0/token}, client secret in the form) and the Dataverse Web API
 * ({@code GET /api/data/v9.2/{entitySet}?$select=…&$filter=…}, bearer token required, OData JSON answers).
 * It holds a small website: home, about, about/team, a draft, a "Page Not Found" page, a page whose template does
 * not parse, a navigation link set and one web file with two versions of its note.
 * <p>
 * A test class that wants a store of its own declares it with {@code @RegisterExtension}: the store then stops
 * after the class's last test, before Spring closes the class's context.
 */
public final class FakeMetadataStore implements AfterAllCallback {

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

    /** A page whose script writes and reads through /_api as Microsoft's safeAjax wrapper does (token from /_layout/tokenhtml). */
    static final String WEB_API_PAGE = "30000000-0000-0000-0000-00000000000b";

    static final String WEB_API_SCRIPT_PAGE = """
            <!DOCTYPE html><html><head><title>Web API</title><link rel="icon" href="data:,"><script src="/_layout/shell.js"></script></head><body>
            <p id="created">pending</p><p id="read">pending</p><p id="refused">pending</p>
            <script>
            // safeAjax's steps without jQuery: shell.getTokenDeferred(), then the call with the __RequestVerificationToken header.
            function safeFetch(method, url, body) {
              return new Promise(function (resolve, reject) {
                shell.getTokenDeferred().done(function (token) {
                  fetch(url, { method: method, credentials: 'same-origin', body: JSON.stringify(body),
                    headers: { '__RequestVerificationToken': token, 'Content-Type': 'application/json', 'Accept': 'application/json' } })
                    .then(resolve, reject);
                }).fail(reject);
              });
            }
            safeFetch('POST', '/_api/contacts', { fullname: 'Browser Visitor' }).then(function (response) {
              document.getElementById('created').textContent = response.status + ' ' + response.headers.get('entityid');
              return fetch("/_api/contacts?$select=fullname&$filter=fullname eq 'Browser Visitor'", { headers: { 'Accept': 'application/json' } });
            }).then(function (response) { return response.json(); }).then(function (answer) {
              document.getElementById('read').textContent = answer.value.map(function (contact) { return contact.fullname; }).join(',');
            });
            fetch('/_api/contacts', { method: 'POST', body: '{"fullname":"No Token"}', headers: { 'Content-Type': 'application/json' } })
              .then(function (response) { return response.json().then(function (answer) {
                document.getElementById('refused').textContent = response.status + ' ' + answer.error.code; }); });
            </script></body></html>""";

    private final MockWebServer server = new MockWebServer();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    static final String ANONYMOUS_ROLE = "80000000-0000-0000-0000-000000000001";
    static final String ACCOUNT_1 = "90000000-0000-0000-0000-000000000001";
    static final String ARTICLE = "30000000-0000-0000-0000-000000000007";
    static final String BROKEN_LAYOUT = "30000000-0000-0000-0000-000000000008";
    /** Prints what a visitor controls (request values, a parameter through escape) for the hostile-input tests. */
    static final String ECHO = "30000000-0000-0000-0000-00000000000a";
    /** Server-driven paging: every collection answers at most this many rows a page, as Dataverse does at 5000. */
    static final int SERVER_PAGE_SIZE = 4;

    static final String AUTHENTICATED_ROLE = "80000000-0000-0000-0000-000000000002";
    static final String MANAGERS_ROLE = "80000000-0000-0000-0000-000000000003";
    static final String PROFILE = "30000000-0000-0000-0000-000000000009";
    /** Ada signs in as "ada" / "Ada-Password-1" (ASP.NET Identity V3 hash) and is in the Managers role. */
    static final String ADA = "91000000-0000-0000-0000-000000000001";
    /** Grace signs in as "grace" / "Grace-Password-1" (ASP.NET Identity V2 hash, as Power Pages' local sign-in stores). */
    static final String GRACE = "91000000-0000-0000-0000-000000000002";
    /** Has a password but may not sign in (adx_identity_logonenabled false). */
    static final String LOCKED = "91000000-0000-0000-0000-000000000003";

    private final Map<String, List<Map<String, Object>>> tables = new ConcurrentHashMap<>();
    /** Deleted rows per table: id and the version at which they were deleted, for change tracking. */
    private final Map<String, List<Map.Entry<String, Long>>> deletions = new ConcurrentHashMap<>();

    private final AtomicLong version = new AtomicLong(1000);
    private final Map<String, AtomicInteger> collectionReads = new ConcurrentHashMap<>();
    private final AtomicInteger deltaReads = new AtomicInteger();
    private final AtomicInteger collectionReadsInFlight = new AtomicInteger();
    private final AtomicInteger mostCollectionReadsInFlight = new AtomicInteger();
    private final CountDownLatch secondReadInFlight = new CountDownLatch(1);
    private volatile boolean holdForOverlap;
    private volatile String lastAnnotationPreference;
    private volatile String lastExpand;
    private volatile boolean changeTracking = true;
    private volatile long latencyMs;
    private volatile long deltaTokensValidFrom;
    private final JsonMapper json = JsonMapper.builder().build();

    private FakeMetadataStore(int port) throws IOException {
        seed();
        // MockWebServer serves each connection on a thread of its own, so a slow answer does not queue every other
        // call behind it.
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                String path = URI.create(request.getTarget()).getPath();
                if (path.startsWith("/" + TENANT + "/oauth2/v2.0/token")) {
                    return token(request);
                }
                if (path.startsWith("/api/data/v9.2/")) {
                    return webApi(request);
                }
                return new MockResponse.Builder().code(404).build();
            }
        });
        server.start(InetAddress.getLoopbackAddress(), port);
    }

    public static FakeMetadataStore start() {
        return startOn(0);
    }

    /** A store on the given port (0: any free one), such as one that starts after the node that reads it. */
    public static FakeMetadataStore startOn(int port) {
        try {
            return new FakeMetadataStore(port);
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Off: the store ignores {@code Prefer: odata.track-changes} and answers no deltaLink, as a store without change tracking. */
    public void changeTracking(boolean enabled) {
        changeTracking = enabled;
    }

    /** Forgets every delta token issued so far, as a restarted store would: old delta links answer 400. */
    public void forgetDeltaTokens() {
        deltaTokensValidFrom = version.get();
    }

    /** Every Web API answer waits this long first, as an overloaded store would. */
    public void latency(java.time.Duration latency) {
        latencyMs = latency.toMillis();
    }

    /** Full reads (not delta reads) of a collection so far. */
    public int collectionReads(String entitySet) {
        return collectionReads
                .computeIfAbsent(entitySet, set -> new AtomicInteger())
                .get();
    }

    /** The most full reads of collections that were answered at the same time so far. */
    public int mostCollectionReadsAtOnce() {
        return mostCollectionReadsInFlight.get();
    }

    /**
     * The next full read of a collection other than the websites waits (at most 5 s) until another full read is in
     * flight, once: whether a client reads tables side by side shows without depending on how fast it is.
     */
    public void holdNextReadForAnother() {
        holdForOverlap = true;
    }

    public int deltaReads() {
        return deltaReads.get();
    }

    /** Changes a column of the rows whose {@code keyColumn} equals {@code key}, as a maker editing the site would. */
    public void update(String entitySet, String keyColumn, Object key, String column, Object value) {
        for (Map<String, Object> row : tables.get(entitySet)) {
            if (key.equals(row.get(keyColumn))) {
                row.put(column, value);
                row.put("versionnumber", version.incrementAndGet());
            }
        }
    }

    public void delete(String entitySet, String keyColumn, Object key) {
        String idColumn = idColumn(entitySet);
        tables.get(entitySet).removeIf(row -> {
            if (key.equals(row.get(keyColumn))) {
                deletions
                        .computeIfAbsent(entitySet, set -> new CopyOnWriteArrayList<>())
                        .add(Map.entry(String.valueOf(row.get(idColumn)), version.incrementAndGet()));
                return true;
            }
            return false;
        });
    }

    public List<Map<String, Object>> rows(String entitySet) {
        return tables.get(entitySet);
    }

    /** Stops listening: further calls are refused, as when the store process is down. */
    public void stop() {
        server.close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    private MockResponse token(RecordedRequest request) {
        tokenRequests.incrementAndGet();
        Map<String, String> form = parseQuery(body(request).utf8());
        if (!"POST".equals(request.getMethod()) || !"client_credentials".equals(form.get("grant_type"))) {
            return send(400, Map.of("error", "unsupported_grant_type"));
        }
        if (!CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))) {
            return send(
                    401,
                    Map.of(
                            "error",
                            "invalid_client",
                            "error_description",
                            "AADSTS7000215: Invalid client secret provided."));
        }
        String token = "fake-token-" + tokenRequests.get();
        issuedTokens.add(token);
        return send(200, Map.of("token_type", "Bearer", "expires_in", 3599, "access_token", token));
    }

    private MockResponse webApi(RecordedRequest request) throws InterruptedException {
        if (latencyMs > 0) {
            Thread.sleep(latencyMs);
        }
        String authorization = request.getHeaders().get("Authorization");
        if (authorization == null
                || !authorization.startsWith("Bearer ")
                || !issuedTokens.contains(authorization.substring(7))) {
            return send(
                    401,
                    Map.of("error", Map.of("code", "0x80072184", "message", "Bearer token is missing or invalid")),
                    "WWW-Authenticate",
                    "Bearer");
        }
        String resource = URI.create(request.getTarget()).getPath().substring("/api/data/v9.2/".length());
        if ("$metadata".equals(resource)) {
            return metadata();
        }
        String entitySet = resource.contains("(") ? resource.substring(0, resource.indexOf('(')) : resource;
        List<Map<String, Object>> rows = tables.get(entitySet);
        if (rows == null) {
            return dataverseError(404, "0x8006088a", "Resource not found for the segment '" + entitySet + "'.");
        }
        if ("POST".equals(request.getMethod())) {
            return create(request, entitySet, rows);
        }
        if ("PATCH".equals(request.getMethod()) || "DELETE".equals(request.getMethod())) {
            return change(request, entitySet, resource, rows);
        }
        Map<String, String> query = parseQuery(URI.create(request.getTarget()).getRawQuery());
        if (query.get("$expand") != null) {
            lastExpand = query.get("$expand");
        }
        // Like Dataverse, reject a $select naming a column the entity does not have.
        if (query.get("$select") != null && !rows.isEmpty()) {
            for (String column : query.get("$select").split(",")) {
                if (!rows.get(0).containsKey(column.trim())) {
                    return dataverseError(
                            400,
                            "0x80060888",
                            "Could not find a property named '" + column.trim() + "' on type 'Microsoft.Dynamics.CRM."
                                    + entitySet + "'.");
                }
            }
        }
        if (resource.contains("(")) {
            String id = resource.substring(resource.indexOf('(') + 1, resource.length() - 1);
            Map<String, Object> row = rowWithId(entitySet, id, rows);
            if (row == null) {
                return dataverseError(404, "0x80040217", entitySet + " With Id = " + id + " Does Not Exist");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("@odata.context", url() + "/api/data/v9.2/$metadata#" + entitySet + "/$entity");
            body.putAll(annotated(request, row, select(row, query.get("$select"))));
            return send(200, body);
        }
        if (query.containsKey("$deltatoken")) {
            deltaReads.incrementAndGet();
            return delta(entitySet, rows, query);
        }
        collectionReads.computeIfAbsent(entitySet, set -> new AtomicInteger()).incrementAndGet();
        int inFlight = collectionReadsInFlight.incrementAndGet();
        try {
            mostCollectionReadsInFlight.accumulateAndGet(inFlight, Math::max);
            if (inFlight > 1) {
                secondReadInFlight.countDown();
            } else if (holdForOverlap && !entitySet.endsWith("_websites")) {
                holdForOverlap = false;
                secondReadInFlight.await(5, TimeUnit.SECONDS);
            }
            return collection(request, entitySet, rows, query);
        } finally {
            collectionReadsInFlight.decrementAndGet();
        }
    }

    private MockResponse collection(
            RecordedRequest request, String entitySet, List<Map<String, Object>> rows, Map<String, String> query) {
        List<Map<String, Object>> value = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Boolean matches = matches(row, query.get("$filter"));
            if (matches == null) {
                return dataverseError(400, "0x80060888", "The $filter is not supported: " + query.get("$filter"));
            }
            if (matches) {
                value.add(annotated(request, row, select(row, query.get("$select"))));
            }
        }
        if (query.get("$top") != null) {
            value = value.subList(0, Math.min(value.size(), Integer.parseInt(query.get("$top"))));
        }
        String prefer = String.valueOf(request.getHeaders().get("Prefer"));
        int pageSize = SERVER_PAGE_SIZE;
        java.util.regex.Matcher max =
                java.util.regex.Pattern.compile("odata\\.maxpagesize=(\\d+)").matcher(prefer);
        if (max.find()) {
            pageSize = Math.min(pageSize, Integer.parseInt(max.group(1)));
        }
        int skip = query.get("$skiptoken") == null ? 0 : Integer.parseInt(query.get("$skiptoken"));
        boolean tracking = changeTracking
                && (prefer.contains("odata.track-changes")
                        || query.containsKey("$skiptoken") && query.containsKey("track"));
        long token = query.get("track") != null ? Long.parseLong(query.get("track")) : version.get();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", url() + "/api/data/v9.2/$metadata#" + entitySet);
        body.put("value", value.subList(Math.min(skip, value.size()), Math.min(skip + pageSize, value.size())));
        String select = query.get("$select") == null ? "" : "$select=" + encode(query.get("$select")) + "&";
        if (skip + pageSize < value.size()) {
            // Opaque to clients: they follow the link as it is.
            String filter = query.get("$filter") == null ? "" : "$filter=" + encode(query.get("$filter")) + "&";
            body.put(
                    "@odata.nextLink",
                    url() + "/api/data/v9.2/" + entitySet + "?" + select + filter
                            + (tracking ? "track=" + token + "&" : "") + "$skiptoken=" + (skip + pageSize));
        } else if (tracking) {
            body.put("@odata.deltaLink", deltaLink(entitySet, select, token));
        }
        return tracking ? send(200, body, "Preference-Applied", "odata.track-changes") : send(200, body);
    }

    private String deltaLink(String entitySet, String select, long token) {
        // Dataverse's tokens look like "919042!08/22/2017 08:10:44": opaque, percent-encoded in the link.
        return url() + "/api/data/v9.2/" + entitySet + "?" + select + "$deltatoken="
                + encode(token + "!01/02/2024 00:00:00");
    }

    private MockResponse delta(String entitySet, List<Map<String, Object>> rows, Map<String, String> query) {
        long since = Long.parseLong(query.get("$deltatoken").split("!")[0]);
        if (since < deltaTokensValidFrom) {
            return dataverseError(400, "0x80044352", "The delta token is invalid or has expired.");
        }
        long now = version.get();
        List<Map<String, Object>> value = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            if (((Number) row.get("versionnumber")).longValue() > since) {
                value.add(select(row, query.get("$select")));
            }
        }
        for (Map.Entry<String, Long> deleted : deletions.getOrDefault(entitySet, List.of())) {
            if (deleted.getValue() > since) {
                value.add(Map.of(
                        "@odata.context",
                        url() + "/api/data/v9.2/$metadata#" + entitySet + "/$deletedEntity",
                        "id",
                        deleted.getKey(),
                        "reason",
                        "deleted"));
            }
        }
        String select = query.get("$select") == null ? "" : "$select=" + encode(query.get("$select")) + "&";
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("@odata.context", url() + "/api/data/v9.2/$metadata#" + entitySet + "/$delta");
        body.put("value", value);
        body.put("@odata.deltaLink", deltaLink(entitySet, select, now));
        return send(200, body);
    }

    private MockResponse create(RecordedRequest request, String entitySet, List<Map<String, Object>> rows) {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = json.readValue(body(request).toByteArray(), Map.class);
        String id = UUID.randomUUID().toString();
        Map<String, Object> row = new LinkedHashMap<>(rows.isEmpty() ? Map.of() : blank(rows.get(0)));
        row.putAll(fields);
        row.put(idColumn(entitySet), id);
        row.put("createdon", "2024-06-01T00:00:00Z");
        row.put("modifiedon", "2024-06-01T00:00:00Z");
        row.put("statecode", 0);
        row.put("statuscode", 1);
        row.put("versionnumber", version.incrementAndGet());
        rows.add(row);
        String location = url() + "/api/data/v9.2/" + entitySet + "(" + id + ")";
        return new MockResponse.Builder()
                .code(204)
                .addHeader("OData-EntityId", location)
                .addHeader("Location", location)
                .build();
    }

    /** PATCH (update; {@code If-Match: *} requires the row) and DELETE of {@code <set>(<id>)}, as Dataverse answers them. */
    private MockResponse change(
            RecordedRequest request, String entitySet, String resource, List<Map<String, Object>> rows) {
        String id =
                resource.contains("(") ? resource.substring(resource.indexOf('(') + 1, resource.length() - 1) : null;
        Map<String, Object> row = id == null ? null : rowWithId(entitySet, id, rows);
        if (row == null) {
            return dataverseError(404, "0x80040217", entitySet + " With Id = " + id + " Does Not Exist");
        }
        if ("DELETE".equals(request.getMethod())) {
            delete(entitySet, idColumn(entitySet), row.get(idColumn(entitySet)));
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = json.readValue(body(request).toByteArray(), Map.class);
            row.putAll(fields);
            row.put("versionnumber", version.incrementAndGet());
        }
        return new MockResponse.Builder().code(204).build();
    }

    /** A CSDL naming the business tables' keys, lookups and navigation properties (what {@code $expand} follows). */
    private MockResponse metadata() {
        String csdl = """
                <?xml version="1.0" encoding="utf-8"?>
                <edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">
                  <edmx:DataServices>
                    <Schema Namespace="Microsoft.Dynamics.CRM" Alias="mscrm" xmlns="http://docs.oasis-open.org/odata/ns/edm">
                      <EntityType Name="account"><Key><PropertyRef Name="accountid"/></Key>
                        <Property Name="accountid" Type="Edm.Guid"/><Property Name="name" Type="Edm.String"/>
                        <Property Name="telephone1" Type="Edm.String"/><Property Name="_primarycontactid_value" Type="Edm.Guid"/>
                        <NavigationProperty Name="primarycontactid" Type="mscrm.contact"/>
                        <NavigationProperty Name="contact_customer_accounts" Type="Collection(mscrm.contact)"/>
                        <NavigationProperty Name="account_leads" Type="Collection(mscrm.lead)"/>
                      </EntityType>
                      <EntityType Name="contact"><Key><PropertyRef Name="contactid"/></Key>
                        <Property Name="contactid" Type="Edm.Guid"/><Property Name="fullname" Type="Edm.String"/>
                        <Property Name="_parentcustomerid_value" Type="Edm.Guid"/>
                        <NavigationProperty Name="parentcustomerid_account" Type="mscrm.account"/>
                      </EntityType>
                      <EntityType Name="lead"><Key><PropertyRef Name="leadid"/></Key>
                        <Property Name="leadid" Type="Edm.Guid"/><Property Name="subject" Type="Edm.String"/>
                      </EntityType>
                      <EntityContainer Name="System">
                        <EntitySet Name="accounts" EntityType="Microsoft.Dynamics.CRM.account"/>
                        <EntitySet Name="contacts" EntityType="Microsoft.Dynamics.CRM.contact"/>
                        <EntitySet Name="leads" EntityType="Microsoft.Dynamics.CRM.lead"/>
                      </EntityContainer>
                    </Schema>
                  </edmx:DataServices>
                </edmx:Edmx>
                """;
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/xml")
                .body(csdl)
                .build();
    }

    private static Map<String, Object> blank(Map<String, Object> template) {
        Map<String, Object> blank = new LinkedHashMap<>();
        template.keySet().forEach(column -> blank.put(column, null));
        return blank;
    }

    static String idColumn(String entitySet) {
        return entitySet.substring(0, entitySet.length() - 1) + "id";
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Only {@code column eq value} (a GUID unquoted, as Dataverse writes it) is needed; {@code null}: not understood. */
    private static Boolean matches(Map<String, Object> row, String filter) {
        if (filter == null) {
            return true;
        }
        String[] parts = filter.split(" eq ", 2);
        if (parts.length != 2) {
            return null;
        }
        return parts[1].trim().replace("'", "").equals(String.valueOf(row.get(parts[0].trim())));
    }

    /**
     * With {@code Prefer: odata.include-annotations}, a careless store: a formatted value for every column of the row,
     * the ones the query did not select included, so that tests see what the node lets through.
     */
    private Map<String, Object> annotated(
            RecordedRequest request, Map<String, Object> row, Map<String, Object> selected) {
        String prefer = request.getHeaders().get("Prefer");
        if (prefer == null || !prefer.contains("odata.include-annotations")) {
            return selected;
        }
        lastAnnotationPreference = prefer;
        Map<String, Object> annotated = new LinkedHashMap<>(selected);
        row.forEach((column, value) -> {
            if (value != null && !column.startsWith("@")) {
                annotated.put(column + "@OData.Community.Display.V1.FormattedValue", "formatted " + value);
            }
        });
        return annotated;
    }

    /** The {@code $expand} of the last read that had one (this store does not expand), or null. */
    public String lastExpand() {
        return lastExpand;
    }

    /** The last {@code Prefer} header that asked this store for annotations, or null. */
    public String lastAnnotationPreference() {
        return lastAnnotationPreference;
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

    /** A JSON answer with these extra headers (name, value, name, value …). */
    private Map<String, Object> rowWithId(String entitySet, String id, List<Map<String, Object>> rows) {
        return rows.stream()
                .filter(row -> id.equals(String.valueOf(row.get(idColumn(entitySet)))))
                .findFirst()
                .orElse(null);
    }

    /** An error in the Web API's shape: {@code {"error":{"code":"0x…","message":"…"}}}. */
    private MockResponse dataverseError(int status, String code, String message) {
        return send(status, Map.of("error", Map.of("code", code, "message", message)));
    }

    private MockResponse send(int status, Object body, String... headers) {
        return new MockResponse.Builder()
                .code(status)
                .headers(Headers.of(headers))
                .addHeader("Content-Type", "application/json; odata.metadata=minimal")
                .body(json.writeValueAsString(body))
                .build();
    }

    private static ByteString body(RecordedRequest request) {
        return request.getBody() == null ? ByteString.EMPTY : request.getBody();
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
        table(
                "adx_publishingstates",
                row("adx_publishingstateid", PUBLISHED, "adx_name", "Published", "adx_isvisible", true),
                row("adx_publishingstateid", DRAFT, "adx_name", "Draft", "adx_isvisible", false));
        table(
                "adx_webtemplates",
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000001",
                        "adx_name",
                        "Layout",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "<!DOCTYPE html><html><head><title>{{ page.title }} | {{ website.name }}</title>"
                                + "<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body>{% include 'Header' %}"
                                + "<main><h1>{{ page.title }}</h1>{{ page.copy }}</main>"
                                + "<p class=\"unknown\">[{{ no_such_object.title }}][{{ user.fullname }}]</p>"
                                + "<p class=\"marker\">{{ sitemarkers['Page Not Found'].url }}</p>"
                                + "<ul class=\"children\">{% for child in page.children %}<li>{{ child.title }}={{ child.url }}</li>{% endfor %}</ul>"
                                + "{{ snippets['Footer Text'] }}<p class=\"year\">{{ now | date: 'yyyy' }}</p></body></html>"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000002",
                        "adx_name",
                        "Header",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "<nav>{% for link in weblinks['Primary Navigation'].weblinks %}"
                                + "<a href=\"{{ link.url }}\">{{ link.name }}</a>{% endfor %}</nav>"
                                + "<ol class=\"breadcrumbs\">{% for crumb in page.breadcrumbs %}<li>{{ crumb.title }}</li>{% endfor %}</ol>"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000003",
                        "adx_name",
                        "Broken Template",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "<p>{% if page.title %}never closed</p>{% for %}"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000004",
                        "adx_name",
                        "Two Column Layout",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "<html><head><title>{% block title %}{{ page.title }}{% endblock %}</title></head><body>\n"
                                + "<aside>{% block sidebar %}default sidebar{% endblock %}</aside>\n"
                                + "<main>{% block main %}default main{% endblock %}</main></body></html>"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000005",
                        "adx_name",
                        "Article",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "{% extends 'Two Column Layout' %}\n"
                                + "{% block main %}<article>{% editable page 'adx_copy' type: 'html' %}</article>"
                                + "{% include 'Card' heading:page.title, count:3, label:'Read more' %}[{{ heading }}]"
                                + "{% substitution %}<p class=\"sub\">{{ page.name }}</p>{% endsubstitution %}"
                                + "<p class=\"q\">{{ request.params['q'] }}</p>"
                                + "<p class=\"snippet\">{% editable snippets 'Footer Text' %}</p>{% endblock %}\n"
                                + "{% block title %}Article: {{ page.title }}{% endblock %}"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000006",
                        "adx_name",
                        "Card",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "<div class=\"card\">{{ heading }}|{{ count | plus: 1 }}|{{ label }}|{{ page.name }}</div>"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000007",
                        "adx_name",
                        "Broken Layout Child",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "{% extends 'Broken Layout' %}{% block main %}fine{% endblock %}"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000009",
                        "adx_name",
                        "Profile",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "<html><body>"
                                + "{% if user %}<p class=\"who\">Signed in as {{ user.fullname }} ({{ user.emailaddress1 }}) "
                                + "first={{ user.firstname }} id={{ user.id }} roles={{ user.roles | join: ',' }}</p>"
                                + "{% else %}<p class=\"who\">Anonymous</p>{% endif %}"
                                + "{% fetchxml fabrikam %}<fetch top=\"1\" returntotalrecordcount=\"true\"><entity name=\"account\">"
                                + "<attribute name=\"name\"/><filter type=\"and\"><condition attribute=\"name\" operator=\"eq\" "
                                + "value=\"{{ request.params['account'] | default: 'Fabrikam' }}\"/></filter></entity></fetch>{% endfetchxml %}"
                                + "<ul class=\"fx\">{% for a in fabrikam.results.entities %}<li>{{ a.name }}|{{ a.id }}</li>{% endfor %}</ul>"
                                + "<p class=\"fxmore\">{{ fabrikam.results.more_records }}</p>"
                                + "{% fetchxml leads %}<fetch><entity name=\"lead\"><attribute name=\"subject\"/></entity></fetch>{% endfetchxml %}"
                                + "<p class=\"leads\">{{ leads.results.entities.size }}:{% for l in leads.results.entities %}{{ l.subject }}{% endfor %}</p>"
                                + "{% fetchxml me %}<fetch><entity name=\"contact\"><attribute name=\"fullname\"/></entity></fetch>{% endfetchxml %}"
                                + "<p class=\"contacts\">{% for c in me.results.entities %}[{{ c.fullname }}]{% endfor %}</p>"
                                + "</body></html>"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-000000000008",
                        "adx_name",
                        "Broken Layout",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "<html>\n<body>\n{% block main %}{% endblock %}\n{% for %}\n</body></html>"),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-00000000000b",
                        "adx_name",
                        "Web API Script",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        WEB_API_SCRIPT_PAGE),
                row(
                        "adx_webtemplateid",
                        "50000000-0000-0000-0000-00000000000a",
                        "adx_name",
                        "Visitor Echo",
                        "adx_mimetype",
                        null,
                        "adx_source",
                        "<p class=\"params\">{{ request.params['q'] }}</p><p class=\"query\">{{ request.query }}</p>"
                                + "<p class=\"url\">{{ request.url }}</p><p class=\"path\">{{ request.path_and_query }}</p>"
                                + "<a class=\"named\" title='{{ request.params.name }}'>{{ request.params.name }}</a>"));
        table(
                "adx_pagetemplates",
                row(
                        "adx_pagetemplateid",
                        "60000000-0000-0000-0000-000000000001",
                        "adx_name",
                        "Default",
                        "_adx_webtemplateid_value",
                        "50000000-0000-0000-0000-000000000001",
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false),
                row(
                        "adx_pagetemplateid",
                        "60000000-0000-0000-0000-000000000002",
                        "adx_name",
                        "Broken",
                        "_adx_webtemplateid_value",
                        "50000000-0000-0000-0000-000000000003",
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false),
                row(
                        "adx_pagetemplateid",
                        "60000000-0000-0000-0000-000000000003",
                        "adx_name",
                        "Article",
                        "_adx_webtemplateid_value",
                        "50000000-0000-0000-0000-000000000005",
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false),
                row(
                        "adx_pagetemplateid",
                        "60000000-0000-0000-0000-000000000004",
                        "adx_name",
                        "Broken Layout Child",
                        "_adx_webtemplateid_value",
                        "50000000-0000-0000-0000-000000000007",
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false),
                row(
                        "adx_pagetemplateid",
                        "60000000-0000-0000-0000-000000000005",
                        "adx_name",
                        "Profile",
                        "_adx_webtemplateid_value",
                        "50000000-0000-0000-0000-000000000009",
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false),
                row(
                        "adx_pagetemplateid",
                        "60000000-0000-0000-0000-000000000006",
                        "adx_name",
                        "Visitor Echo",
                        "_adx_webtemplateid_value",
                        "50000000-0000-0000-0000-00000000000a",
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false),
                row(
                        "adx_pagetemplateid",
                        "60000000-0000-0000-0000-000000000007",
                        "adx_name",
                        "Web API Script",
                        "_adx_webtemplateid_value",
                        "50000000-0000-0000-0000-00000000000b",
                        "adx_type",
                        756150001,
                        "adx_usewebsiteheaderandfooter",
                        false));
        String layout = "60000000-0000-0000-0000-000000000001";
        table(
                "adx_webpages",
                page(HOME, "Home", "Welcome to Contoso", "/", null, layout, PUBLISHED, "<p>Home copy</p>", false, 1),
                page(ABOUT, "About", "About us", "about", HOME, layout, PUBLISHED, "<p>About copy</p>", false, 2),
                page(TEAM, "Team", "Our team", "team", ABOUT, layout, PUBLISHED, "<p>Team copy</p>", false, 1),
                page(
                        SECRET,
                        "Secret",
                        "Unreleased product",
                        "secret",
                        HOME,
                        layout,
                        DRAFT,
                        "<p>Draft copy</p>",
                        false,
                        3),
                page(
                        NOT_FOUND,
                        "Page Not Found",
                        "Sorry, this page does not exist",
                        "page-not-found",
                        HOME,
                        layout,
                        PUBLISHED,
                        "<p>Try the home page.</p>",
                        true,
                        9),
                page(
                        BROKEN,
                        "Broken",
                        "Broken page",
                        "broken",
                        HOME,
                        "60000000-0000-0000-0000-000000000002",
                        PUBLISHED,
                        "",
                        true,
                        10),
                page(
                        ARTICLE,
                        "Article",
                        "An article",
                        "article",
                        HOME,
                        "60000000-0000-0000-0000-000000000003",
                        PUBLISHED,
                        "<p>Article copy</p>",
                        true,
                        11),
                page(
                        BROKEN_LAYOUT,
                        "Broken layout",
                        "Broken layout",
                        "broken-layout",
                        HOME,
                        "60000000-0000-0000-0000-000000000004",
                        PUBLISHED,
                        "",
                        true,
                        12),
                page(
                        PROFILE,
                        "Profile",
                        "Your profile",
                        "profile",
                        HOME,
                        "60000000-0000-0000-0000-000000000005",
                        PUBLISHED,
                        "",
                        true,
                        13),
                page(
                        ECHO,
                        "Echo",
                        "Echo",
                        "echo",
                        HOME,
                        "60000000-0000-0000-0000-000000000006",
                        PUBLISHED,
                        "",
                        true,
                        14),
                page(
                        WEB_API_PAGE,
                        "Web API",
                        "Web API",
                        "webapi",
                        HOME,
                        "60000000-0000-0000-0000-000000000007",
                        PUBLISHED,
                        "",
                        true,
                        15));
        table(
                "adx_contentsnippets",
                row("adx_name", "Footer Text", "adx_value", "<footer>&copy; Contoso Ltd</footer>"));
        table(
                "adx_sitesettings",
                row("adx_name", "Search/Enabled", "adx_value", "false"),
                row("adx_name", "HTTP/X-Frame-Options", "adx_value", "SAMEORIGIN"),
                // A cookie setting, not a header (real sites carry it): the pages must still be served.
                row("adx_name", "HTTP/SameSite/Default", "adx_value", "Strict"),
                row("adx_name", "WebFiles/Cache-Control", "adx_value", "public, max-age=300"),
                row("adx_name", "ContentDeliveryNetwork/CacheablePages", "adx_value", "/about/"),
                // The portals Web API exposes a table only with these (Webapi/<table>/enabled and /fields).
                row("adx_name", "Webapi/account/enabled", "adx_value", "true"),
                row("adx_name", "Webapi/account/fields", "adx_value", "name,telephone1"),
                row("adx_name", "Webapi/contact/enabled", "adx_value", "True"),
                row(
                        "adx_name",
                        "Webapi/contact/fields",
                        "adx_value",
                        "fullname,firstname,lastname,emailaddress1,adx_identity_username"),
                row("adx_name", "Webapi/lead/enabled", "adx_value", "true"),
                row("adx_name", "Webapi/lead/fields", "adx_value", "subject"),
                row("adx_name", "Webapi/error/innererror", "adx_value", "true"));
        table(
                "adx_webroles",
                row(
                        "adx_webroleid",
                        ANONYMOUS_ROLE,
                        "adx_name",
                        "Anonymous Users",
                        "adx_anonymoususersrole",
                        true,
                        "adx_authenticatedusersrole",
                        false),
                row(
                        "adx_webroleid",
                        AUTHENTICATED_ROLE,
                        "adx_name",
                        "Authenticated Users",
                        "adx_anonymoususersrole",
                        false,
                        "adx_authenticatedusersrole",
                        true),
                row(
                        "adx_webroleid",
                        MANAGERS_ROLE,
                        "adx_name",
                        "Managers",
                        "adx_anonymoususersrole",
                        false,
                        "adx_authenticatedusersrole",
                        false));
        table(
                "adx_entitypermissions",
                permission("account", ANONYMOUS_ROLE, true, false, false),
                permission("contact", ANONYMOUS_ROLE, true, true, false),
                // An authenticated-only permission must not open the table to anonymous visitors.
                permission("lead", AUTHENTICATED_ROLE, true, true, false),
                // Signed-in visitors read their own contact only (Self scope) and accounts; Managers may create
                // accounts.
                scoped(permission("contact", AUTHENTICATED_ROLE, true, false, true), 756150004),
                permission("account", AUTHENTICATED_ROLE, true, false, false),
                permission("account", MANAGERS_ROLE, false, true, false),
                deletable(permission("account", MANAGERS_ROLE, false, false, true)),
                // Readable, but the site settings do not expose task to the Web API.
                permission("task", ANONYMOUS_ROLE, true, false, false));
        table("tasks", row("taskid", "93000000-0000-0000-0000-000000000001", "subject", "Call back"));
        table(
                "accounts",
                row("accountid", ACCOUNT_1, "name", "Contoso", "telephone1", "555-0100"),
                row("accountid", "90000000-0000-0000-0000-000000000002", "name", "Fabrikam", "telephone1", "555-0101"));
        table(
                "contacts",
                contact(
                        ADA,
                        "Ada",
                        "Lovelace",
                        "ada@contoso.example",
                        "ada",
                        "AQAAAAEAAYagAAAAEK9D3u3fQNJhtRQzgld4ejKWma1hgf0V517AFMC3+or5V5UkHmKzeXJPzTFUc1Z8bQ==",
                        true),
                contact(
                        GRACE,
                        "Grace",
                        "Brewster",
                        "grace@contoso.example",
                        "grace",
                        "AAABAgMEBQYHCAkKCwwNDg9OUNztBGzgU6iekChG3Pw1qm11imGwRyeLswrzgBaOpQ==",
                        true),
                contact(
                        LOCKED,
                        "Locked",
                        "Out",
                        "locked@contoso.example",
                        "locked",
                        "AQAAAAEAAYagAAAAEK9D3u3fQNJhtRQzgld4ejKWma1hgf0V517AFMC3+or5V5UkHmKzeXJPzTFUc1Z8bQ==",
                        false));
        table(
                "adx_webrole_contactset",
                row("adx_name", "Ada - Managers", "_contactid_value", ADA, "_adx_webroleid_value", MANAGERS_ROLE));
        table("leads", row("leadid", "92000000-0000-0000-0000-000000000001", "subject", "Big deal"));
        table("adx_sitemarkers", row("adx_name", "Page Not Found", "_adx_pageid_value", NOT_FOUND));
        String nav = "70000000-0000-0000-0000-000000000001";
        table("adx_weblinksets", row("adx_weblinksetid", nav, "adx_name", "Primary Navigation"));
        table(
                "adx_weblinks",
                row(
                        "adx_name",
                        "About",
                        "_adx_weblinksetid_value",
                        nav,
                        "_adx_pageid_value",
                        ABOUT,
                        "adx_externalurl",
                        null,
                        "adx_displayorder",
                        2),
                row(
                        "adx_name",
                        "Home",
                        "_adx_weblinksetid_value",
                        nav,
                        "_adx_pageid_value",
                        HOME,
                        "adx_externalurl",
                        null,
                        "adx_displayorder",
                        1),
                row(
                        "adx_name",
                        "Docs",
                        "_adx_weblinksetid_value",
                        nav,
                        "_adx_pageid_value",
                        null,
                        "adx_externalurl",
                        "https://learn.microsoft.com/power-pages/",
                        "adx_displayorder",
                        3),
                row(
                        "adx_name",
                        "Secret",
                        "_adx_weblinksetid_value",
                        nav,
                        "_adx_pageid_value",
                        SECRET,
                        "adx_externalurl",
                        null,
                        "adx_displayorder",
                        4));
        table(
                "adx_webfiles",
                row(
                        "adx_webfileid",
                        CSS_FILE,
                        "adx_name",
                        "site.css",
                        "adx_partialurl",
                        "css/site.css",
                        "_adx_parentpageid_value",
                        HOME,
                        "adx_hiddenfromsitemap",
                        true));
        table(
                "annotations",
                row(
                        "annotationid",
                        "70000000-0000-0000-0000-000000000001",
                        "_objectid_value",
                        CSS_FILE,
                        "mimetype",
                        "text/css",
                        "filename",
                        "site.css",
                        "createdon",
                        "2024-01-01T08:00:00Z",
                        "documentbody",
                        base64("body { color: black; }")),
                row(
                        "annotationid",
                        "70000000-0000-0000-0000-000000000002",
                        "_objectid_value",
                        CSS_FILE,
                        "mimetype",
                        "text/css",
                        "filename",
                        "site.css",
                        "createdon",
                        "2024-03-01T08:00:00Z",
                        "documentbody",
                        base64(CSS)));
    }

    private static Map<String, Object> page(
            String id,
            String name,
            String title,
            String partialUrl,
            String parentId,
            String pageTemplateId,
            String stateId,
            String copy,
            boolean hidden,
            int order) {
        return row(
                "adx_webpageid",
                id,
                "adx_name",
                name,
                "adx_title",
                title,
                "adx_partialurl",
                partialUrl,
                "_adx_parentpageid_value",
                parentId,
                "_adx_pagetemplateid_value",
                pageTemplateId,
                "_adx_websiteid_value",
                WEBSITE,
                "_adx_publishingstateid_value",
                stateId,
                "adx_copy",
                copy,
                "adx_hiddenfromsitemap",
                hidden,
                "adx_displayorder",
                order);
    }

    private static Map<String, Object> contact(
            String id, String first, String last, String email, String username, String hash, boolean logonEnabled) {
        return row(
                "contactid",
                id,
                "firstname",
                first,
                "lastname",
                last,
                "fullname",
                first + " " + last,
                "emailaddress1",
                email,
                "adx_identity_username",
                username,
                "adx_identity_passwordhash",
                hash,
                "adx_identity_logonenabled",
                logonEnabled);
    }

    private static Map<String, Object> deletable(Map<String, Object> permission) {
        permission.put("adx_delete", true);
        return permission;
    }

    private static Map<String, Object> scoped(Map<String, Object> permission, int scope) {
        permission.put("adx_scope", scope);
        return permission;
    }

    private static Map<String, Object> permission(
            String table, String roleId, boolean read, boolean create, boolean write) {
        return row(
                "adx_name",
                table + " permission",
                "adx_entitylogicalname",
                table,
                "adx_scope",
                756150000,
                "adx_read",
                read,
                "adx_create",
                create,
                "adx_write",
                write,
                "adx_delete",
                false,
                "_adx_webroleid_value",
                roleId);
    }

    private void table(String entitySet, Map<String, Object>... rows) {
        List<Map<String, Object>> list = new CopyOnWriteArrayList<>();
        for (Map<String, Object> row : rows) {
            // Every row has its primary key, as in Dataverse (change tracking names deleted rows by it).
            row.putIfAbsent(
                    idColumn(entitySet),
                    UUID.nameUUIDFromBytes((entitySet + list.size()).getBytes(StandardCharsets.UTF_8))
                            .toString());
            list.add(row);
        }
        tables.put(entitySet, list);
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
        row.put("versionnumber", 1000L);
        return row;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
