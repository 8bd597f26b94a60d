package dev.powerpages.emulator.appnode.forms;

import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreClients;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The store as forms and lists meet it, on a MockWebServer: {@code $metadata} of the tables a test declares, rows
 * read by id or as a collection ({@code $top}, {@code $count}, {@code $orderby} on one column, {@code contains}
 * filters), created by POST and updated by PATCH. Every request is recorded for the test to read.
 */
public final class RecordingStore implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ENTITY = Pattern.compile("/api/data/v9\\.2/([a-z_0-9]+)(?:\\(([0-9a-f-]{36})\\))?");
    private static final Pattern CONTAINS = Pattern.compile("contains\\((\\w+),'([^']*)'\\)");

    /** A table: logical name, entity set, columns as {@code name:Edm.Type} (navigation properties {@code name:Navigation:table}). */
    public record Table(String logicalName, String entitySet, List<String> columns) {}

    /** One request the node made: method, path and query (decoded), JSON body. */
    public record Call(String method, String target, JsonNode body, String ifMatch) {}

    private final MockWebServer server = new MockWebServer();
    private final Map<String, Table> tablesBySet = new LinkedHashMap<>();
    private final Map<String, List<ObjectNode>> rows = new LinkedHashMap<>();
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    public RecordingStore(Table... tables) {
        for (Table table : tables) {
            tablesBySet.put(table.entitySet(), table);
            rows.put(table.entitySet(), new CopyOnWriteArrayList<>());
        }
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public StoreClient client() {
        return StoreClients.at(server.url("/").toString());
    }

    public RecordingStore add(String entitySet, ObjectNode row) {
        rows.get(entitySet).add(row);
        return this;
    }

    public List<ObjectNode> rows(String entitySet) {
        return rows.get(entitySet);
    }

    public List<Call> calls() {
        return calls;
    }

    /** The writes (POST, PATCH) the node made. */
    public List<Call> writes() {
        return calls.stream().filter(call -> !"GET".equals(call.method())).toList();
    }

    @Override
    public void close() {
        server.close();
    }

    private MockResponse answer(RecordedRequest request) {
        String target = URLDecoder.decode(request.getTarget(), StandardCharsets.UTF_8);
        JsonNode body = request.getBody() == null || request.getBody().size() == 0
                ? null
                : JSON.readTree(request.getBody().utf8());
        calls.add(
                new Call(request.getMethod(), target, body, request.getHeaders().get("If-Match")));
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        if (path.endsWith("/$metadata")) {
            return new MockResponse.Builder()
                    .code(200)
                    .addHeader("Content-Type", "application/xml")
                    .body(csdl())
                    .build();
        }
        Matcher entity = ENTITY.matcher(path);
        if (!entity.matches() || !tablesBySet.containsKey(entity.group(1))) {
            return error(404, "0x8006088a", "Resource not found for the segment '" + path + "'.");
        }
        Table table = tablesBySet.get(entity.group(1));
        String key = table.logicalName() + "id";
        String id = entity.group(2);
        switch (request.getMethod()) {
            case "POST" -> {
                ObjectNode row = ((ObjectNode) body).deepCopy();
                String newId = UUID.randomUUID().toString();
                row.put(key, newId);
                rows.get(table.entitySet()).add(row);
                return new MockResponse.Builder()
                        .code(204)
                        .addHeader(
                                "OData-EntityId",
                                server.url("/api/data/v9.2/" + table.entitySet() + "(" + newId + ")")
                                        .toString())
                        .build();
            }
            case "PATCH" -> {
                ObjectNode row = find(table, id);
                if (row == null) {
                    return error(
                            404,
                            "0x80040217",
                            "Entity '" + table.logicalName() + "' With Id = " + id + " Does Not Exist");
                }
                row.setAll((ObjectNode) body);
                return new MockResponse.Builder().code(204).build();
            }
            default -> {
                if (id != null) {
                    ObjectNode row = find(table, id);
                    return row == null
                            ? error(
                                    404,
                                    "0x80040217",
                                    "Entity '" + table.logicalName() + "' With Id = " + id + " Does Not Exist")
                            : json(row);
                }
                return json(collection(table, target));
            }
        }
    }

    private ObjectNode find(Table table, String id) {
        return rows.get(table.entitySet()).stream()
                .filter(row -> id.equals(row.path(table.logicalName() + "id").asString(null)))
                .findFirst()
                .orElse(null);
    }

    private ObjectNode collection(Table table, String target) {
        Map<String, String> options = new LinkedHashMap<>();
        if (target.contains("?")) {
            for (String option : target.substring(target.indexOf('?') + 1).split("&(?=\\$)")) {
                int equals = option.indexOf('=');
                options.put(option.substring(0, equals), option.substring(equals + 1));
            }
        }
        List<ObjectNode> matching = new ArrayList<>(rows.get(table.entitySet()));
        String filter = options.get("$filter");
        if (filter != null) {
            Matcher contains = CONTAINS.matcher(filter);
            List<String[]> terms = new ArrayList<>();
            while (contains.find()) {
                terms.add(new String[] {contains.group(1), contains.group(2).toLowerCase()});
            }
            matching.removeIf(row -> terms.stream()
                    .noneMatch(
                            term -> row.path(term[0]).asString("").toLowerCase().contains(term[1])));
        }
        String order = options.get("$orderby");
        if (order != null) {
            String[] parts = order.split(" ");
            Comparator<ObjectNode> comparator =
                    Comparator.comparing(row -> row.path(parts[0]).asString(""));
            matching.sort(parts.length > 1 && parts[1].equals("desc") ? comparator.reversed() : comparator);
        }
        ObjectNode answer = JSON.createObjectNode();
        if ("true".equals(options.get("$count"))) {
            answer.put("@odata.count", matching.size());
        }
        int top = options.containsKey("$top") ? Integer.parseInt(options.get("$top")) : matching.size();
        ArrayNode value = answer.putArray("value");
        matching.stream().limit(top).forEach(value::add);
        return answer;
    }

    private String csdl() {
        StringBuilder xml = new StringBuilder(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><edmx:Edmx Version=\"4.0\" "
                        + "xmlns:edmx=\"http://docs.oasis-open.org/odata/ns/edmx\"><edmx:DataServices><Schema "
                        + "xmlns=\"http://docs.oasis-open.org/odata/ns/edm\" Namespace=\"Microsoft.Dynamics.CRM\" Alias=\"mscrm\">");
        for (Table table : tablesBySet.values()) {
            xml.append("<EntityType Name=\"")
                    .append(table.logicalName())
                    .append("\"><Key><PropertyRef Name=\"")
                    .append(table.logicalName())
                    .append("id\"/></Key><Property Name=\"")
                    .append(table.logicalName())
                    .append("id\" Type=\"Edm.Guid\" Nullable=\"false\"/>");
            for (String column : table.columns()) {
                String[] parts = column.split(":");
                if (parts[1].equals("Navigation")) {
                    // name:Navigation:table, a lookup's single-valued navigation property
                    xml.append("<NavigationProperty Name=\"")
                            .append(parts[0])
                            .append("\" Type=\"mscrm.")
                            .append(parts[2])
                            .append("\"/>");
                    continue;
                }
                xml.append("<Property Name=\"")
                        .append(parts[0])
                        .append("\" Type=\"")
                        .append(parts[1])
                        .append("\"/>");
            }
            xml.append(
                            "<Property Name=\"createdon\" Type=\"Edm.DateTimeOffset\"/><Property Name=\"statecode\" Type=\"Edm.Int32\"/>")
                    .append("</EntityType>");
        }
        xml.append("<EntityContainer Name=\"System\">");
        tablesBySet
                .values()
                .forEach(table -> xml.append("<EntitySet Name=\"")
                        .append(table.entitySet())
                        .append("\" EntityType=\"Microsoft.Dynamics.CRM.")
                        .append(table.logicalName())
                        .append("\"/>"));
        return xml.append("</EntityContainer></Schema></edmx:DataServices></edmx:Edmx>")
                .toString();
    }

    private static MockResponse json(JsonNode body) {
        return new MockResponse.Builder()
                .code(200)
                .addHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }

    private static MockResponse error(int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        return new MockResponse.Builder()
                .code(status)
                .addHeader("Content-Type", "application/json")
                .body(body.toString())
                .build();
    }
}
