package dev.powerpages.emulator.store;

import dev.powerpages.emulator.store.environment.EnvironmentsProperties;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * A JDBC slice of the store for tests of its data layer without the Web API, the token endpoint or a server: the
 * store's own database (H2 in memory with its case-insensitive collation, {@code store.in-memory=true}; not a
 * replacement test database), its system tables, the environments and their schemas (package
 * {@code environment}, migrated and seeded at start-up as in the service), the row listeners of the relationships
 * and the enhanced data model's views, and the site import ({@code SiteImporter}, {@code SiteBook}, the demo
 * seeder). Not transactional: the code under test commits and rolls back its own transactions, as in the service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@JdbcTest(
        properties = "store.in-memory=true",
        includeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = {
                            "dev\\.powerpages\\.emulator\\.store\\.environment\\.(?!EnvironmentAudienceValidator).*",
                            "dev\\.powerpages\\.emulator\\.store\\.(relationship|enhanced)\\..*",
                            "dev\\.powerpages\\.emulator\\.store\\.seed\\.DemoSeeder",
                            "dev\\.powerpages\\.emulator\\.store\\.site\\.(SiteBook|SiteImporter)"
                        }))
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@ImportAutoConfiguration(JacksonAutoConfiguration.class)
@EnableConfigurationProperties({StoreProperties.class, EnvironmentsProperties.class})
public @interface StoreJdbcSlice {}
