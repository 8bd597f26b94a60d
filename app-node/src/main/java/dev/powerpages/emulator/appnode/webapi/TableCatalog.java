package dev.powerpages.emulator.appnode.webapi;

import java.io.StringReader;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.powerpages.emulator.appnode.store.StoreClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import org.springframework.stereotype.Component;

/**
 * What the store's {@code $metadata} (CSDL) says about its tables: entity set ↔ logical name, each table's lookups
 * and navigation properties (and the table each one leads to). The Web API needs it to check table permissions on
 * an {@code $expand}ed table and to address tables whose entity set is not the logical name's default plural.
 *
 * <p>Read once and kept for {@link #MAX_AGE} (a table added to the store shows after that); a store that does not
 * answer {@code $metadata} leaves the catalog empty and callers fall back to Dataverse's naming conventions.
 */
@Component
public class TableCatalog {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    /** A table: its logical name, entity set, primary key, lookups (logical names) and navigation properties to tables. */
    public record Table(String logicalName, String entitySet, String primaryKey, Set<String> lookups,
            Map<String, String> navigationTargets) {
    }

    /** The parsed document; {@code tables} empty when the store has none to give. */
    record Catalog(Map<String, Table> byLogicalName, Map<String, Table> byEntitySet) {

        static final Catalog EMPTY = new Catalog(Map.of(), Map.of());
    }

    private final StoreClient store;
    private final Cache<String, Catalog> cache = Caffeine.newBuilder().expireAfterWrite(MAX_AGE).maximumSize(1).build();

    public TableCatalog(StoreClient store) {
        this.store = store;
    }

    /** The table behind an entity set ({@code accounts} → {@code account}); conventions when the store did not say. */
    public String logicalName(String entitySet) {
        Table table = catalog().byEntitySet().get(entitySet.toLowerCase(Locale.ROOT));
        return table != null ? table.logicalName() : DataverseNames.logicalName(entitySet);
    }

    /** The entity set of a table ({@code account} → {@code accounts}). */
    public String entitySet(String logicalName) {
        Table table = catalog().byLogicalName().get(logicalName.toLowerCase(Locale.ROOT));
        return table != null ? table.entitySet() : DataverseNames.entitySet(logicalName);
    }

    public Optional<Table> table(String logicalName) {
        return Optional.ofNullable(catalog().byLogicalName().get(logicalName.toLowerCase(Locale.ROOT)));
    }

    /** Whether a column of the table is a lookup (answered as {@code _<column>_value}); conventions without metadata. */
    public boolean isLookup(String logicalName, String column) {
        Table table = catalog().byLogicalName().get(logicalName.toLowerCase(Locale.ROOT));
        if (table != null) {
            return table.lookups().contains(column.toLowerCase(Locale.ROOT));
        }
        return DataverseNames.looksLikeLookup(logicalName, column);
    }

    /** The table a navigation property of {@code logicalName} leads to, if the store's metadata names it. */
    public Optional<String> navigationTarget(String logicalName, String navigationProperty) {
        return table(logicalName).map(table -> table.navigationTargets().get(navigationProperty));
    }

    /** Whether the store described its tables (a store without {@code $metadata} leaves the emulator to conventions). */
    public boolean known() {
        return !catalog().byLogicalName().isEmpty();
    }

    private Catalog catalog() {
        return cache.get("catalog", key -> {
            try {
                return parse(store.metadataDocument());
            }
            catch (RuntimeException ex) {
                return Catalog.EMPTY;
            }
        });
    }

    /** Reads the CSDL's EntityType and EntitySet elements (namespace-aware DOM, no DTDs or external entities). */
    static Catalog parse(String csdl) {
        if (csdl == null || csdl.isBlank()) {
            return Catalog.EMPTY;
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(csdl)));
        }
        catch (Exception ex) {
            return Catalog.EMPTY;
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
            String name = type.getAttribute("Name").toLowerCase(Locale.ROOT);
            String entitySet = entitySetByType.get(name);
            if (entitySet == null) {
                continue;
            }
            NodeList keys = type.getElementsByTagNameNS("*", "PropertyRef");
            String primaryKey = keys.getLength() == 0 ? name + "id" : ((Element) keys.item(0)).getAttribute("Name");
            Set<String> lookups = new HashSet<>();
            NodeList properties = type.getElementsByTagNameNS("*", "Property");
            for (int j = 0; j < properties.getLength(); j++) {
                String property = ((Element) properties.item(j)).getAttribute("Name");
                if (property.startsWith("_") && property.endsWith("_value") && property.length() > 7) {
                    lookups.add(property.substring(1, property.length() - 6).toLowerCase(Locale.ROOT));
                }
            }
            Map<String, String> navigation = new HashMap<>();
            NodeList navigations = type.getElementsByTagNameNS("*", "NavigationProperty");
            for (int j = 0; j < navigations.getLength(); j++) {
                Element property = (Element) navigations.item(j);
                navigation.put(property.getAttribute("Name"), typeName(property.getAttribute("Type")));
            }
            Table table = new Table(name, entitySet, primaryKey, Set.copyOf(lookups), Map.copyOf(navigation));
            byLogicalName.put(name, table);
            byEntitySet.put(entitySet.toLowerCase(Locale.ROOT), table);
        }
        return new Catalog(Map.copyOf(byLogicalName), Map.copyOf(byEntitySet));
    }

    /** {@code Microsoft.Dynamics.CRM.account}, {@code mscrm.account} or {@code Collection(mscrm.account)} → {@code account}. */
    private static String typeName(String type) {
        String name = type.startsWith("Collection(") ? type.substring(11, type.length() - 1) : type;
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
