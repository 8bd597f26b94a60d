package dev.powerpages.emulator.appnode.lists;

import dev.powerpages.emulator.appnode.site.SiteSnapshot;
import dev.powerpages.emulator.appnode.store.StoreRow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The site's lists ({@code adx_entitylists}, read through {@code site.tables}), built once per snapshot. */
public record EntityLists(Map<String, EntityList> byId) {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Power Pages lists show 10 rows a page unless the list says otherwise. */
    static final int DEFAULT_PAGE_SIZE = 10;

    public static EntityLists of(SiteSnapshot site) {
        return site.derived(EntityLists.class, EntityLists::build);
    }

    /** By id, or by name (as {@code {% entitylist name:… %}} and {@code include 'entity_list' key:…} name them). */
    public Optional<EntityList> find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            return Optional.empty();
        }
        EntityList byKey = byId.get(idOrName.toLowerCase(Locale.ROOT));
        if (byKey != null) {
            return Optional.of(byKey);
        }
        return byId.values().stream()
                .filter(list -> idOrName.equalsIgnoreCase(list.name()))
                .findFirst();
    }

    /** The list a page shows ({@code adx_webpageid} of the list), as {@code include 'entity_list'} without a key finds it. */
    public Optional<EntityList> ofPage(String pageId) {
        return pageId == null
                ? Optional.empty()
                : byId.values().stream()
                        .filter(list -> pageId.equalsIgnoreCase(list.pageId()))
                        .findFirst();
    }

    private static EntityLists build(SiteSnapshot site) {
        Map<String, EntityList> lists = new LinkedHashMap<>();
        for (StoreRow row : site.tables().activeRows("adx_entitylists")) {
            String id = row.text("adx_entitylistid");
            if (id == null) {
                continue;
            }
            String table = row.text("adx_entityname") == null
                    ? null
                    : row.text("adx_entityname").toLowerCase(Locale.ROOT);
            JsonNode settings = json(row.text("adx_settings"));
            String detailsPage = ref(row, "adx_webpagefordetailsview");
            if (detailsPage == null) {
                detailsPage = itemActionPage(settings);
            }
            int pageSize = row.number("adx_pagesize", DEFAULT_PAGE_SIZE);
            String parameter = row.text("adx_idquerystringparametername");
            lists.put(
                    id.toLowerCase(Locale.ROOT),
                    new EntityList(
                            id.toLowerCase(Locale.ROOT),
                            row.text("adx_name"),
                            table,
                            views(row),
                            pageSize > 0 ? pageSize : DEFAULT_PAGE_SIZE,
                            row.flag("adx_searchenabled", false),
                            localized(row.text("adx_searchplaceholdertext")),
                            localized(row.text("adx_searchtooltiptext")),
                            row.flag("adx_entitypermissionsenabled", false),
                            localized(row.text("adx_emptylisttext")),
                            detailsPage,
                            parameter == null || parameter.isBlank() ? "id" : parameter,
                            localized(row.text("adx_detailsbuttonlabel")),
                            ref(row, "adx_webpageforcreate"),
                            localized(row.text("adx_createbuttonlabel")),
                            row.text("adx_primarykeyname") != null ? row.text("adx_primarykeyname") : table + "id",
                            ref(row, "adx_webpageid")));
        }
        return new EntityLists(Map.copyOf(lists));
    }

    /** {@code adx_view} first, then the views of the {@code adx_views} JSON, each once. */
    private static List<EntityList.View> views(StoreRow row) {
        Map<String, EntityList.View> views = new LinkedHashMap<>();
        String main = row.text("adx_view");
        JsonNode metadata = json(row.text("adx_views"));
        Map<String, String> names = new LinkedHashMap<>();
        for (JsonNode view : metadata.path("Views")) {
            String id = view.path("ViewId").asString(null);
            if (id != null) {
                names.put(id.toLowerCase(Locale.ROOT), firstValue(view.path("DisplayName")));
            }
        }
        if (main != null) {
            String id = main.toLowerCase(Locale.ROOT);
            views.put(id, new EntityList.View(id, nameOr(names.get(id), row.text("adx_name"))));
        }
        names.forEach((id, name) -> views.putIfAbsent(id, new EntityList.View(id, nameOr(name, row.text("adx_name")))));
        if (views.isEmpty()) {
            views.put("", new EntityList.View("", row.text("adx_name")));
        }
        return List.copyOf(views.values());
    }

    /** The page the grid's Details or Edit item action opens ({@code adx_settings} → {@code ItemActions}). */
    private static String itemActionPage(JsonNode settings) {
        List<JsonNode> actions = new ArrayList<>();
        settings.path("ItemActions").forEach(actions::add);
        for (String type : List.of("CrmEntityFormView-DetailsAction", "CrmEntityFormView-EditAction")) {
            for (JsonNode action : actions) {
                String page = action.path("RedirectWebpageId").asString("");
                if (type.equals(action.path("Type").asString("")) && !page.isBlank()) {
                    return page.toLowerCase(Locale.ROOT);
                }
            }
        }
        return null;
    }

    private static String ref(StoreRow row, String column) {
        String value = row.text("_" + column + "_value");
        value = value != null ? value : row.text(column);
        return value == null || value.isBlank() ? null : value.toLowerCase(Locale.ROOT);
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (RuntimeException ex) {
            return JSON.createObjectNode();
        }
    }

    /** A localised label ({@code [{"LCID":1033,"Value":"…"}]}) or plain text; the first value that is not blank. */
    static String localized(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!value.strip().startsWith("[")) {
            return value;
        }
        return firstValue(json(value));
    }

    private static String firstValue(JsonNode values) {
        for (JsonNode value : values) {
            String text = value.path("Value").asString("");
            if (!text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    private static String nameOr(String name, String fallback) {
        return name == null || name.isBlank() ? fallback : name;
    }
}
