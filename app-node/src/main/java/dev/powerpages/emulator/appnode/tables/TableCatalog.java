package dev.powerpages.emulator.appnode.tables;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The store's tables as its {@code $metadata} (CSDL) describes them, for every part of the node that needs them: the
 * Web API (permissions on an {@code $expand}ed table, entity sets that are not the logical name's default plural,
 * lookups), forms and lists (columns and their types), FetchXML and search (keys, entity sets).
 *
 * <p>The one reader of {@code $metadata}: read once (in the background after the site loads when it has forms or
 * lists, see {@code forms.FormsWarmUp}, else on first use) and refreshed in the background after {@link #REFRESH},
 * the old answer served meanwhile, so a table added to the store shows without a restart. A store that answers
 * {@code $metadata} with an error (no such document) describes no tables until the next refresh; one that cannot be
 * reached is asked again on the next use.
 *
 * <p>Two ways to ask: {@link #table} says whether the store has a table (a form or list on a table the store does not
 * have renders the not-emulated comment) and lets a {@link StoreUnavailableException} through; the naming questions
 * ({@link #entitySet}, {@link #logicalName}, {@link #primaryKey}, {@link #isLookup}) fall back to Dataverse's naming
 * conventions ({@link DataverseNames}) when the store did not describe the table.
 */
@Component
public class TableCatalog {

    static final Duration REFRESH = Duration.ofMinutes(1);

    private static final String KEY = "metadata";
    private static final Logger log = LoggerFactory.getLogger(TableCatalog.class);

    /** The parsed document, by lower-case logical name and entity set; empty when the store has none to give. */
    record Tables(Map<String, Table> byLogicalName, Map<String, Table> byEntitySet) {

        static final Tables EMPTY = new Tables(Map.of(), Map.of());
    }

    private final LoadingCache<String, Tables> cache;

    public TableCatalog(StoreClient store) {
        this.cache = Caffeine.newBuilder().refreshAfterWrite(REFRESH).build(key -> {
            try {
                return parse(store.metadataDocument());
            } catch (HttpClientErrorException ex) {
                return Tables.EMPTY; // an answer (404: no $metadata), not an outage
            }
        });
    }

    /** Reads {@code $metadata} now, if it has not been read; a failure is tried again on first use. */
    public void warmUp() {
        try {
            cache.get(KEY);
        } catch (RuntimeException ex) {
            log.debug("The store's $metadata could not be read yet: {}", ex.getMessage());
        }
    }

    /**
     * The table of this logical name ({@code account}), if the store has it.
     *
     * @throws StoreUnavailableException when the store has not answered {@code $metadata} yet and cannot be reached
     */
    public Optional<Table> table(String logicalName) {
        if (logicalName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.get(KEY).byLogicalName().get(logicalName.toLowerCase(Locale.ROOT)));
    }

    /** The table behind an entity set ({@code accounts} → {@code account}); conventions when the store did not say. */
    public String logicalName(String entitySet) {
        Table table = described().byEntitySet().get(entitySet.toLowerCase(Locale.ROOT));
        return table != null ? table.logicalName().toLowerCase(Locale.ROOT) : DataverseNames.logicalName(entitySet);
    }

    /** The entity set of a table ({@code account} → {@code accounts}); conventions when the store did not say. */
    public String entitySet(String logicalName) {
        Table table = described().byLogicalName().get(logicalName.toLowerCase(Locale.ROOT));
        return table != null ? table.entitySet() : DataverseNames.entitySet(logicalName);
    }

    /** The table's primary key ({@code accountid}; {@code activityid} for {@code task}); {@code <table>id} when the store did not say. */
    public String primaryKey(String logicalName) {
        Table table = described().byLogicalName().get(logicalName.toLowerCase(Locale.ROOT));
        return table != null ? table.primaryKey() : logicalName + "id";
    }

    /** Whether a column of the table is a lookup (answered as {@code _<column>_value}); conventions without metadata. */
    public boolean isLookup(String logicalName, String column) {
        Table table = described().byLogicalName().get(logicalName.toLowerCase(Locale.ROOT));
        if (table != null) {
            return table.lookups().contains(column.toLowerCase(Locale.ROOT));
        }
        return DataverseNames.looksLikeLookup(logicalName, column);
    }

    /** The table a navigation property of {@code logicalName} leads to, if the store's metadata names it. */
    public Optional<String> navigationTarget(String logicalName, String navigationProperty) {
        return Optional.ofNullable(described().byLogicalName().get(logicalName.toLowerCase(Locale.ROOT)))
                .map(table -> table.navigationTargets().get(navigationProperty));
    }

    /** Whether the store described its tables (a store without {@code $metadata} leaves the emulator to conventions). */
    public boolean known() {
        return !described().byLogicalName().isEmpty();
    }

    /** The tables the store described, or none while it cannot be reached or read (the naming questions then use conventions). */
    private Tables described() {
        try {
            return cache.get(KEY);
        } catch (RuntimeException ex) {
            return Tables.EMPTY;
        }
    }

    /** Reads the CSDL's EntityType and EntitySet elements (namespace-aware DOM, no DTDs or external entities). */
    static Tables parse(String csdl) {
        if (csdl == null || csdl.isBlank()) {
            return Tables.EMPTY;
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance(); // as FetchXmlParser's
            factory.setNamespaceAware(true);
            // The store's answer, but an XML parser never resolves entities or DTDs it did not ask for.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(csdl)));
        } catch (Exception ex) {
            log.warn("The store's $metadata could not be read, its tables are unknown: {}", ex.getMessage());
            return Tables.EMPTY;
        }
        Map<String, String> entitySetByType = new HashMap<>();
        NodeList sets = document.getElementsByTagNameNS("*", "EntitySet");
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            entitySetByType.put(typeName(set.getAttribute("EntityType")), set.getAttribute("Name"));
        }
        Map<String, Table> byLogicalName = new HashMap<>();
        Map<String, Table> byEntitySet = new HashMap<>();
        NodeList types = document.getElementsByTagNameNS("*", "EntityType");
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            String name = type.getAttribute("Name");
            String entitySet = entitySetByType.get(name.toLowerCase(Locale.ROOT));
            if (entitySet == null) {
                continue;
            }
            NodeList keys = type.getElementsByTagNameNS("*", "PropertyRef");
            String primaryKey = keys.getLength() == 0 ? name + "id" : ((Element) keys.item(0)).getAttribute("Name");
            List<Table.Column> columns = new ArrayList<>();
            Set<String> lookups = new HashSet<>();
            NodeList properties = type.getElementsByTagNameNS("*", "Property");
            for (int j = 0; j < properties.getLength(); j++) {
                Element property = (Element) properties.item(j);
                String column = property.getAttribute("Name");
                columns.add(new Table.Column(column, property.getAttribute("Type")));
                if (column.startsWith("_") && column.endsWith("_value") && column.length() > 7) {
                    lookups.add(column.substring(1, column.length() - 6).toLowerCase(Locale.ROOT));
                }
            }
            Map<String, String> navigation = new HashMap<>();
            NodeList navigations = type.getElementsByTagNameNS("*", "NavigationProperty");
            for (int j = 0; j < navigations.getLength(); j++) {
                Element property = (Element) navigations.item(j);
                navigation.put(property.getAttribute("Name"), typeName(property.getAttribute("Type")));
            }
            Table table = new Table(
                    name, entitySet, primaryKey, List.copyOf(columns), Set.copyOf(lookups), Map.copyOf(navigation));
            byLogicalName.put(name.toLowerCase(Locale.ROOT), table);
            byEntitySet.put(entitySet.toLowerCase(Locale.ROOT), table);
        }
        return new Tables(Map.copyOf(byLogicalName), Map.copyOf(byEntitySet));
    }

    /** {@code Microsoft.Dynamics.CRM.account}, {@code mscrm.account} or {@code Collection(mscrm.account)} → {@code account}. */
    private static String typeName(String type) {
        String name = type.startsWith("Collection(") ? type.substring(11, type.length() - 1) : type;
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
