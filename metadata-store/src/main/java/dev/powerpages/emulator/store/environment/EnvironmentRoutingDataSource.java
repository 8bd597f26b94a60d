package dev.powerpages.emulator.store.environment;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

/**
 * One data source in front of every environment's database: each connection comes from the database
 * of the environment bound to the thread ({@link CurrentEnvironment}). So the row store, its
 * transactions and everything above them stay unaware of environments. With nothing bound (the
 * default environment's own start-up), the default environment's database answers.
 */
class EnvironmentRoutingDataSource extends AbstractRoutingDataSource implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(EnvironmentRoutingDataSource.class);

    private final Map<String, HikariDataSource> owned;
    private final boolean inMemory;

    /**
     * @param defaultDatabase the default environment's database (the store's own data source)
     * @param owned           the other environments' databases by name, created for them and closed with this
     * @param inMemory        whether the owned databases are in memory, so dropped on close
     */
    EnvironmentRoutingDataSource(
            String defaultName, DataSource defaultDatabase, Map<String, HikariDataSource> owned, boolean inMemory) {
        this.owned = owned;
        this.inMemory = inMemory;
        Map<Object, Object> targets = new HashMap<>(owned);
        targets.put(defaultName, defaultDatabase);
        setTargetDataSources(targets);
        setDefaultTargetDataSource(defaultDatabase);
        // A bound environment without a database is a bug, never a reason to use another one's.
        setLenientFallback(false);
        afterPropertiesSet();
    }

    /** The database of an environment other than the default one. */
    DataSource databaseOf(String name) {
        DataSource database = owned.get(name);
        if (database == null) {
            throw new IllegalArgumentException("No database of its own for environment " + name);
        }
        return database;
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return CurrentEnvironment.boundName();
    }

    /** An in-memory H2 database outlives its pool (DB_CLOSE_DELAY=-1), so it is shut down first. */
    @Override
    public void destroy() {
        owned.forEach((name, database) -> {
            if (inMemory) {
                try (Connection connection = database.getConnection();
                        Statement statement = connection.createStatement()) {
                    statement.execute("SHUTDOWN");
                } catch (SQLException e) {
                    log.debug("Environment {}: in-memory database already gone", name, e);
                }
            }
            database.close();
        });
    }
}
