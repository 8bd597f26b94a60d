package dev.powerpages.emulator.appnode.forms;

import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.powerpages.emulator.appnode.store.StoreClient;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The store's tables as its {@code $metadata} describes them. Read once the site is loaded if it has forms or lists
 * ({@link FormsWarmUp}, so the first page with a form does not spend its render time on it) and refreshed in the background after a minute, the old answer served
 * meanwhile (a table added to the store shows up without a restart). A table the store does not have (a site's custom
 * table the environment was not given through {@code store.environments[].extra-tables}) is absent: the form or list
 * that names it renders the not-emulated comment instead.
 */
@Component
public class TableSchemas {

    private static final String KEY = "metadata";

    private static final Logger log = LoggerFactory.getLogger(TableSchemas.class);

    private final LoadingCache<String, Map<String, TableSchema>> cache;

    public TableSchemas(StoreClient store) {
        this.cache = Caffeine.newBuilder().refreshAfterWrite(Duration.ofMinutes(1))
                .build(key -> parse(store.metadataDocument()));
    }

    /** Reads {@code $metadata} now, if it has not been read; a failure is tried again on first use. */
    void warmUp() {
        try {
            cache.get(KEY);
        }
        catch (RuntimeException ex) {
            log.debug("The store's $metadata could not be read yet: {}", ex.getMessage());
        }
    }

    /** The table of this logical name ({@code account}), if the store has it. */
    public Optional<TableSchema> table(String logicalName) {
        if (logicalName == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(cache.get(KEY).get(logicalName.toLowerCase(Locale.ROOT)));
    }

    /** Entity types and entity sets of a CSDL document, by the entity type's name (Dataverse's logical name). */
    static Map<String, TableSchema> parse(String csdl) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // The store's answer, but an XML parser never resolves entities or DTDs it did not ask for.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            document = builder.parse(new InputSource(new StringReader(csdl)));
        }
        catch (Exception ex) {
            throw new IllegalStateException("The store's $metadata could not be read: " + ex.getMessage(), ex);
        }
        Map<String, String> entitySets = new HashMap<>();
        NodeList sets = document.getElementsByTagNameNS("*", "EntitySet");
        for (int i = 0; i < sets.getLength(); i++) {
            Element set = (Element) sets.item(i);
            String type = set.getAttribute("EntityType");
            entitySets.put(type.substring(type.lastIndexOf('.') + 1), set.getAttribute("Name"));
        }
        Map<String, TableSchema> tables = new HashMap<>();
        NodeList types = document.getElementsByTagNameNS("*", "EntityType");
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            String name = type.getAttribute("Name");
            NodeList keys = type.getElementsByTagNameNS("*", "PropertyRef");
            String key = keys.getLength() == 0 ? name + "id" : ((Element) keys.item(0)).getAttribute("Name");
            List<TableSchema.Column> columns = new ArrayList<>();
            NodeList properties = type.getElementsByTagNameNS("*", "Property");
            for (int p = 0; p < properties.getLength(); p++) {
                Element property = (Element) properties.item(p);
                columns.add(new TableSchema.Column(property.getAttribute("Name"), property.getAttribute("Type")));
            }
            String entitySet = entitySets.get(name);
            if (entitySet != null) {
                tables.put(name.toLowerCase(Locale.ROOT), new TableSchema(name, entitySet, key, List.copyOf(columns)));
            }
        }
        return Map.copyOf(tables);
    }
}
