package dev.powerpages.emulator.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Starts the whole emulated stack (gateway, traffic manager, two app nodes, metadata store) once
 * for the annotated test class and injects a {@link PowerPagesStack} into test methods,
 * lifecycle methods and constructors that declare one. The stack stops after the class's last
 * test. Faults a test injects stay until it clears them, so tests that break the stack should
 * repair it ({@code primary().clearFaults()}, {@code restart()}) or run last.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PowerPagesStackExtension.class)
public @interface PowerPagesStackTest {

    /** How to run the services; {@link StackMode#DEFAULT} follows {@code -Dpowerpages.stack.mode}. */
    StackMode mode() default StackMode.DEFAULT;

    /**
     * A site folder written by {@code pac pages download} (either data model, or an unpacked solution) for the store to
     * serve in place of the demo site, as {@code ./stack up --site} does; a path relative to the working directory.
     * The store is given a copy, which the test may edit ({@link PowerPagesStack#siteFolder()}): the store follows
     * its edits. Empty: the demo site. In-process and child-process stacks only.
     */
    String siteFolder() default "";

    /**
     * App-node instances per region (1-9), as {@code ./stack up --instances N}: each region's address is then its
     * front, spreading traffic over the region's healthy instances; {@code stack.region("northeurope").instance(1)}
     * is one of them. In-process and child-process stacks only.
     */
    int instances() default 1;
}
