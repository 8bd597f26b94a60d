package dev.powerpages.emulator.store.metadata;

import dev.powerpages.emulator.store.schema.StoreSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edmx.EdmxReference;
import org.apache.olingo.commons.api.edmx.EdmxReferenceInclude;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.serializer.SerializerException;

/**
 * The CSDL document served at {@code /api/data/v9.2/$metadata}, generated from an environment's
 * schema once at start-up ({@code EnvironmentSchemas}) and serialised by Apache Olingo (the schema
 * only changes with a restart).
 */
public class MetadataDocument {

    private final Edm edm;
    private final String xml;

    public MetadataDocument(StoreSchema schema) {
        OData odata = OData.newInstance();
        // Dataverse references the community vocabulary of alternate keys the same way.
        EdmxReference keys = new EdmxReference(
                URI.create("http://vocabularies.odata.org/" + SchemaEdmProvider.KEYS_VOCABULARY + ".xml"));
        keys.addInclude(new EdmxReferenceInclude(SchemaEdmProvider.KEYS_VOCABULARY));
        ServiceMetadata metadata = odata.createServiceMetadata(new SchemaEdmProvider(schema), List.of(keys));
        this.edm = metadata.getEdm();
        try (InputStream document = odata.createSerializer(ContentType.APPLICATION_XML)
                .metadataDocument(metadata)
                .getContent()) {
            this.xml = new String(document.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SerializerException e) {
            throw new IllegalStateException("The schema cannot be described as CSDL: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String xml() {
        return xml;
    }

    /** The model, for Olingo's URI parser. */
    public Edm edm() {
        return edm;
    }
}
