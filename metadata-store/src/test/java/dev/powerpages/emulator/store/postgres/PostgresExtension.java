package dev.powerpages.emulator.store.postgres;

import dev.powerpages.emulator.store.ExternalTools;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts one throwaway {@link PostgresCluster} for the whole test run, on the first test class that
 * needs it, and stops and removes it when the run ends (JUnit closes the root store's AutoCloseable
 * values).
 */
public class PostgresExtension implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(PostgresExtension.class);

    private static volatile PostgresCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        ExternalTools.require(PostgresCluster.binaries().isPresent(), PostgresCluster.MISSING);
        cluster = context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(PostgresCluster.class, type -> PostgresCluster.start(), PostgresCluster.class);
    }

    /** The running cluster; only within a test class extended with this extension. */
    public static PostgresCluster cluster() {
        PostgresCluster running = cluster;
        if (running == null) {
            throw new IllegalStateException("No PostgreSQL cluster: annotate the test class with @OnPostgres");
        }
        return running;
    }
}
