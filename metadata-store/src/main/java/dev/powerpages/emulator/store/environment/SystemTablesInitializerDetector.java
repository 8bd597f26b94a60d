package dev.powerpages.emulator.store.environment;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;

/**
 * Tells Spring Boot that {@link SystemTables} initializes the database (META-INF/spring.factories), so every bean that
 * depends on database initialization (JdbcTemplate, JdbcClient) is created after it, as after Spring Boot's own Flyway
 * initializer, which the store no longer uses.
 */
final class SystemTablesInitializerDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

    @Override
    protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
        return Set.of(SystemTables.class);
    }
}
