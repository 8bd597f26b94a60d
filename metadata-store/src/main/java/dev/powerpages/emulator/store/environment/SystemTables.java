package dev.powerpages.emulator.store.environment;

import dev.powerpages.emulator.store.schema.SqlDialect;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayProperties;
import org.springframework.util.StringUtils;

/**
 * The store's fixed system objects (the row-version sequence, {@code _tombstone}, the site folder's bookkeeping, on
 * PostgreSQL the collations): the versioned SQL scripts under {@code spring.flyway.locations}, applied to each
 * environment's database with Flyway's history in {@code spring.flyway.table}.
 *
 * <p>A kept database (an H2 file, PostgreSQL) is migrated by Flyway: its history, its validation of what was applied
 * before, its baseline of a store created before Flyway came in. A fresh in-memory H2 database (an in-memory store:
 * the test kit, the tests) is empty by construction, so there is nothing to validate or baseline: its scripts are
 * applied and recorded directly ({@link InMemoryMigration}), as Flyway would record them. Why not Flyway there too:
 * configuring Flyway 11 copies each of its configuration plugins through a new Jackson 2 {@code ObjectMapper}, and its
 * migrate scans, locks and validates; in a fresh JVM with C1 only that was 0.56-0.67 s of CPU to configure and
 * 0.26-0.40 s to migrate, for 46 ms of SQL, on the store's main thread, the test kit's critical path
 * (docs/benchmarks.md, "The in-memory store's start without its two costly items").
 *
 * <p>Spring Boot's Flyway auto-configuration is excluded (application.yml): it would create its {@code Flyway} at
 * start-up whatever the database, and with Spring AOT its conditions are settled at build time, so the choice has to
 * be made here, at run time. The {@code spring.flyway.*} settings the store's Flyway reads are those mapped below.
 */
final class SystemTables {

    private static final Logger log = LoggerFactory.getLogger(SystemTables.class);

    private final FlywayProperties settings;
    private final SqlDialect dialect;

    SystemTables(FlywayProperties settings, SqlDialect dialect) {
        this.settings = settings;
        this.dialect = dialect;
    }

    /**
     * Brings one database's system objects up to date.
     *
     * @param database   an environment's database
     * @param postgresSchema on PostgreSQL, the schema of an environment other than the default one; {@code null}: the
     *                   data source's own
     */
    void migrate(DataSource database, String postgresSchema) {
        if (dialect == SqlDialect.H2
                && postgresSchema == null
                && new InMemoryMigration(settings, locations()).applyToFreshInMemoryDatabase(database)) {
            return;
        }
        FluentConfiguration configuration = flywayConfiguration(database);
        if (postgresSchema != null) {
            configuration.schemas(postgresSchema);
        }
        configuration.load().migrate();
    }

    /** {@code spring.flyway.locations} with Spring Boot's {@code {vendor}} placeholder resolved. */
    List<String> locations() {
        return settings.getLocations().stream()
                .map(location -> location.replace("{vendor}", dialect.vendor()))
                .toList();
    }

    /** The {@code spring.flyway.*} settings as Spring Boot's auto-configuration maps them, those a store may use. */
    FluentConfiguration flywayConfiguration(DataSource database) {
        FluentConfiguration configuration = Flyway.configure(SystemTables.class.getClassLoader())
                .dataSource(database)
                .locations(locations().toArray(String[]::new))
                .failOnMissingLocations(settings.isFailOnMissingLocations())
                .connectRetries(settings.getConnectRetries())
                .connectRetriesInterval(
                        (int) settings.getConnectRetriesInterval().toSeconds())
                .lockRetryCount(settings.getLockRetryCount())
                .createSchemas(settings.isCreateSchemas())
                .table(settings.getTable())
                .baselineDescription(settings.getBaselineDescription())
                .baselineVersion(settings.getBaselineVersion())
                .baselineOnMigrate(settings.isBaselineOnMigrate())
                .placeholders(settings.getPlaceholders())
                .placeholderPrefix(settings.getPlaceholderPrefix())
                .placeholderSuffix(settings.getPlaceholderSuffix())
                .placeholderReplacement(settings.isPlaceholderReplacement())
                .sqlMigrationPrefix(settings.getSqlMigrationPrefix())
                .sqlMigrationSuffixes(settings.getSqlMigrationSuffixes().toArray(String[]::new))
                .sqlMigrationSeparator(settings.getSqlMigrationSeparator())
                .repeatableSqlMigrationPrefix(settings.getRepeatableSqlMigrationPrefix())
                .cleanDisabled(settings.isCleanDisabled())
                .outOfOrder(settings.isOutOfOrder())
                .validateOnMigrate(settings.isValidateOnMigrate())
                .validateMigrationNaming(settings.isValidateMigrationNaming())
                .mixed(settings.isMixed())
                .group(settings.isGroup());
        if (settings.getEncoding() != null) {
            configuration.encoding(settings.getEncoding());
        }
        if (StringUtils.hasText(settings.getDefaultSchema())) {
            configuration.defaultSchema(settings.getDefaultSchema());
        }
        if (!settings.getSchemas().isEmpty()) {
            configuration.schemas(settings.getSchemas().toArray(String[]::new));
        }
        if (StringUtils.hasText(settings.getTablespace())) {
            configuration.tablespace(settings.getTablespace());
        }
        if (StringUtils.hasText(settings.getInstalledBy())) {
            configuration.installedBy(settings.getInstalledBy());
        }
        if (StringUtils.hasText(settings.getTarget())) {
            configuration.target(settings.getTarget());
        }
        if (!settings.getInitSqls().isEmpty()) {
            configuration.initSql(String.join("\n", settings.getInitSqls()));
        }
        if (StringUtils.hasText(settings.getUrl()) || StringUtils.hasText(settings.getUser())) {
            log.warn("spring.flyway.url/user are not read: the store migrates its system tables on its own connection");
        }
        return configuration;
    }
}
