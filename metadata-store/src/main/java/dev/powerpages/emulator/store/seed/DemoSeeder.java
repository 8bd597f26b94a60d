package dev.powerpages.emulator.store.seed;

import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.DataverseEnvironment;
import dev.powerpages.emulator.store.environment.EnvironmentPreparation;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.schema.ColumnDefinition;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Loads the demo data ({@code store.seed}, default {@code seed/contoso.yaml}) into a store that has
 * none yet (no row in the file's marker table), in one transaction; {@link #reload()} puts it back
 * on demand ({@code POST /_services/seed}). Called for each environment that
 * wants the demo site, after all beans exist and before the web server accepts requests (see
 * {@code EnvironmentInitializer}), so no client ever sees a half-seeded store.
 */
@Component
@Order(EnvironmentPreparation.SEED)
public class DemoSeeder implements EnvironmentPreparation {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private static final String ENHANCED_SITE = "powerpagesite";

    private final StoreProperties properties;
    private final EnvironmentSchemas schemas;
    private final RowStore rows;
    private final TransactionTemplate transaction;

    DemoSeeder(
            StoreProperties properties,
            EnvironmentSchemas schemas,
            RowStore rows,
            PlatformTransactionManager transactions) {
        this.properties = properties;
        this.schemas = schemas;
        this.rows = rows;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Seeds an environment that asks for the demo site ({@code seed: true}) and has no data yet. */
    @Override
    public void prepare(DataverseEnvironment environment) {
        if (environment.seed()) {
            seedIfEmpty();
        }
    }

    /** Loads the seed into the current environment's database unless it has the seed's marker rows. */
    public void seedIfEmpty() {
        if (properties.seed() == null || properties.seed().isBlank()) {
            return;
        }
        Map<?, ?> seed = (Map<?, ?>) yaml(properties.seed());
        if (!rows.isEmpty(schemas.current().requireTable(seed.get("marker").toString()))) {
            return;
        }
        // a site of the enhanced data model (imported from a folder) has no adx_website row, and is not an empty store
        if (schemas.current()
                .table(ENHANCED_SITE)
                .map(table -> !rows.isEmpty(table))
                .orElse(false)) {
            return;
        }
        Reload loaded = load(seed);
        log.info("Seeded {} rows from {}", loaded.created(), properties.seed());
    }

    /**
     * Puts the demo data back as the seed has it, in the current environment: every seed row is
     * written again with the seed's values (a workshop's edited snippets and pages come back), a seed
     * row that was deleted is created again, and rows the seed does not name are left alone. Each
     * rewritten row gets a new row version, so change tracking hands the reload to the app nodes as
     * any other change.
     */
    public Reload reload() {
        if (properties.seed() == null || properties.seed().isBlank()) {
            throw new IllegalStateException("No seed is configured (store.seed)");
        }
        Reload reloaded = load((Map<?, ?>) yaml(properties.seed()));
        log.info(
                "Reloaded the seed {}: {} rows rewritten, {} created again",
                properties.seed(),
                reloaded.restored(),
                reloaded.created());
        return reloaded;
    }

    /** What a load did: rows rewritten with the seed's values, rows created. */
    public record Reload(int restored, int created) {}

    private Reload load(Map<?, ?> seed) {
        String baseDirectory = properties.seed().contains("/")
                ? properties.seed().substring(0, properties.seed().lastIndexOf('/') + 1)
                : "";
        Map<?, ?> tables = (Map<?, ?>) seed.get("rows");
        int[] restored = {0};
        int[] created = {0};
        transaction.executeWithoutResult(status -> tables.forEach((tableName, tableRows) -> {
            TableDefinition table = schemas.current().requireTable(tableName.toString());
            for (Object row : (List<?>) tableRows) {
                Map<String, Object> values = new LinkedHashMap<>();
                ((Map<?, ?>) row)
                        .forEach((column, value) ->
                                values.put(column.toString(), convert(table, column.toString(), value, baseDirectory)));
                UUID id = (UUID) values.remove(table.primaryId());
                if (id != null && rows.exists(table, id)) {
                    rows.update(table, id, values, null);
                    restored[0]++;
                } else {
                    rows.insert(table, id == null ? UUID.randomUUID() : id, values);
                    created[0]++;
                }
            }
        }));
        return new Reload(restored[0], created[0]);
    }

    private Object convert(TableDefinition table, String columnName, Object value, String baseDirectory) {
        ColumnDefinition column = table.column(columnName)
                .orElseThrow(() -> new IllegalStateException(
                        "Seed names unknown column " + table.logicalName() + "." + columnName));
        if (value instanceof Map<?, ?> helper) {
            value = helper(helper, baseDirectory);
        }
        if (value == null) {
            return null;
        }
        return switch (column.type()) {
            case STRING, MEMO, LONGMEMO, MULTICHOICE, FILE -> value.toString();
            case INTEGER, CHOICE -> ((Number) value).intValue();
            case BIGINT -> ((Number) value).longValue();
            case BOOLEAN -> (Boolean) value;
            case DECIMAL, MONEY -> new BigDecimal(value.toString());
            case UNIQUEIDENTIFIER, LOOKUP -> UUID.fromString(value.toString());
            case DATETIME ->
                value instanceof Date date
                        ? date.toInstant().atOffset(ZoneOffset.UTC)
                        : OffsetDateTime.parse(value.toString());
        };
    }

    private Object helper(Map<?, ?> helper, String baseDirectory) {
        if (helper.get("file") != null) {
            return new String(bytes(baseDirectory + helper.get("file")), StandardCharsets.UTF_8);
        }
        if (helper.get("base64File") != null) {
            return Base64.getEncoder().encodeToString(bytes(baseDirectory + helper.get("base64File")));
        }
        if (helper.get("sizeOf") != null) {
            return bytes(baseDirectory + helper.get("sizeOf")).length;
        }
        throw new IllegalStateException("Unknown seed value helper " + helper.keySet());
    }

    private static Object yaml(String location) {
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed " + location, e);
        }
    }

    private static byte[] bytes(String location) {
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read seed file " + location, e);
        }
    }
}
