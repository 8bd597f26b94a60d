package dev.powerpages.emulator.store.postgres;

import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a store's test context at a new database of the test run's PostgreSQL cluster, as an
 * operator would: with {@code spring.datasource.*}. One database per context, so contexts never
 * share rows, as with H2 in memory.
 */
public class PostgresStoreInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("postgres", properties(PostgresExtension.cluster())));
    }

    /** The store's settings for a new database of the cluster. */
    public static Map<String, Object> properties(PostgresCluster cluster) {
        return Map.of(
                "spring.datasource.url",
                cluster.createDatabase(),
                "spring.datasource.username",
                PostgresCluster.USER,
                "spring.datasource.password",
                "",
                // cached test contexts each keep their pool open until the JVM exits
                "spring.datasource.hikari.maximum-pool-size",
                "5",
                // the cluster stops when the test run ends, before the JVM's shutdown hooks close those
                // pools: a short timeout keeps their last attempts to reconnect from holding the exit
                "spring.datasource.hikari.connection-timeout",
                "2000");
    }
}
