package dev.powerpages.emulator.store.environment;

import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.metadata.MetadataDocument;
import dev.powerpages.emulator.store.schema.SchemaLoader;
import dev.powerpages.emulator.store.schema.StoreSchema;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * The tables of each environment: the shared schema ({@code store.schema}) plus the environment's own
 * {@code extra-tables}, as each Dataverse organization carries its own customisations (a custom table
 * {@code cr123_project} added to one org does not exist in another). Storage, validation,
 * {@code $metadata} and the Web API all ask here for the current environment's tables, so an
 * environment without a table answers a request to its entity set with the Web API's usual
 * "Resource not found for the segment" 404.
 * <p>
 * Everything is loaded, checked and described as CSDL at start-up: a bad file stops the store instead
 * of failing one environment's requests later. Environments without extra tables share one schema and
 * one {@code $metadata} document, so a single-environment store does the same work as before.
 */
@Component
public class EnvironmentSchemas {

    private final CurrentEnvironment current;
    private final Map<String, Tables> byEnvironment = new LinkedHashMap<>();

    /** An environment's tables and the {@code $metadata} describing them. */
    private record Tables(StoreSchema schema, MetadataDocument metadata) {}

    public EnvironmentSchemas(
            Environments environments,
            CurrentEnvironment current,
            StoreProperties properties,
            ResourceLoader resources) {
        this.current = current;
        SchemaLoader loader = new SchemaLoader();
        StoreSchema shared;
        try (InputStream yaml = resources.getResource(properties.schema()).getInputStream()) {
            shared = loader.load(yaml);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the schema " + properties.schema() + ": " + e.getMessage(), e);
        }
        Tables sharedTables = null;
        for (DataverseEnvironment environment : environments.all()) {
            if (environment.extraTables().isEmpty()) {
                sharedTables = sharedTables == null ? new Tables(shared, new MetadataDocument(shared)) : sharedTables;
                byEnvironment.put(environment.name(), sharedTables);
            } else {
                StoreSchema own = withExtraTables(environment, shared, loader, resources);
                byEnvironment.put(environment.name(), new Tables(own, new MetadataDocument(own)));
            }
        }
    }

    /** The tables of the environment bound to the thread (the default environment's when none is). */
    public StoreSchema current() {
        return of(current.environment());
    }

    /** The {@code $metadata} document of the environment bound to the thread. */
    public MetadataDocument currentMetadata() {
        return tables(current.environment()).metadata();
    }

    public StoreSchema of(DataverseEnvironment environment) {
        return tables(environment).schema();
    }

    private Tables tables(DataverseEnvironment environment) {
        Tables tables = byEnvironment.get(environment.name());
        if (tables == null) {
            throw new IllegalArgumentException("No tables for environment " + environment.name());
        }
        return tables;
    }

    private static StoreSchema withExtraTables(
            DataverseEnvironment environment, StoreSchema shared, SchemaLoader loader, ResourceLoader resources) {
        List<TableDefinition> extra = new ArrayList<>();
        for (String location : environment.extraTables()) {
            Resource resource = resources.getResource(location);
            try (InputStream yaml = resource.getInputStream()) {
                for (TableDefinition table : loader.read(yaml)) {
                    // Dataverse lets an org add tables; changing a shared table per environment would make the
                    // shared tables differ from one environment to the next.
                    if (shared.table(table.logicalName()).isPresent()
                            || shared.entitySet(table.entitySetName()).isPresent()) {
                        throw new IllegalArgumentException(
                                "table " + table.logicalName() + " (entity set " + table.entitySetName()
                                        + ") is one of the shared schema's; extra tables can only add new ones");
                    }
                    extra.add(table);
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException(
                        "Environment " + environment.name() + ": cannot use extra-tables " + location + ": "
                                + e.getMessage(),
                        e);
            }
        }
        try {
            return shared.with(extra);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Environment " + environment.name() + ": extra-tables " + environment.extraTables() + ": "
                            + e.getMessage(),
                    e);
        }
    }
}
