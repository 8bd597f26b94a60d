package dev.powerpages.emulator.appnode.knowledge;

import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.webapi.BusinessDataCache;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * Dataverse's languages (languagelocale), which an article names by id and a template by code ({@code en-US}): read
 * as the platform reads them, not as the visitor, since no site grants table permissions on this system table; cached
 * with the business data.
 */
@Component
class LanguageLocales {

    private static final String ENTITY_SET = "languagelocale";
    private static final String COLUMNS = "$select=languagelocaleid,code";
    /** The cache's user for reads made by the platform itself rather than for a visitor. */
    private static final String PLATFORM = "platform:knowledge";

    private final StoreClient store;
    private final BusinessDataCache cache;

    LanguageLocales(StoreClient store, BusinessDataCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /** The id of the language whose code this is, compared without regard to case ({@code en-us} is {@code en-US}). */
    Optional<String> idOf(String code) {
        for (JsonNode row : rows()) {
            if (row.path("code").asString("").equalsIgnoreCase(code.strip())) {
                return Optional.of(row.path("languagelocaleid").asString());
            }
        }
        return Optional.empty();
    }

    /** The code of the language with this id, in lower case as article URLs carry it ({@code /KA-01001/en-us}). */
    Optional<String> codeOf(String id) {
        for (JsonNode row : rows()) {
            if (row.path("languagelocaleid").asString("").equalsIgnoreCase(id)) {
                return Optional.of(row.path("code").asString("").toLowerCase(Locale.ROOT))
                        .filter(code -> !code.isEmpty());
            }
        }
        return Optional.empty();
    }

    private JsonNode rows() {
        try {
            return cache.get(
                            new BusinessDataCache.Key(PLATFORM, ENTITY_SET, COLUMNS),
                            () -> store.query(ENTITY_SET, COLUMNS))
                    .path("value");
        } catch (HttpClientErrorException ex) {
            return JsonNodeFactory.instance.arrayNode(); // a store without the table
        }
    }
}
