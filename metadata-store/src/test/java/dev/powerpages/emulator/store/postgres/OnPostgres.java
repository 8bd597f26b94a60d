package dev.powerpages.emulator.store.postgres;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextConfiguration;

/**
 * Runs a store test class against a real PostgreSQL instead of H2: typically on a subclass of an
 * existing Web API test class, so the same behaviour is proven on both databases. All such classes
 * share one Spring context, on one database of the run's throwaway cluster.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(PostgresExtension.class)
@ContextConfiguration(initializers = PostgresStoreInitializer.class)
public @interface OnPostgres {}
