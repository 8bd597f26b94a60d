package dev.powerpages.emulator.store.environment;

/**
 * A step that readies an environment's database at start-up, after its tables are migrated and before the
 * web server takes requests (the demo seed, the application users). {@link EnvironmentInitializer} runs the
 * steps in their {@link org.springframework.core.annotation.Order} with the environment current, so a step
 * reads and writes that environment's tables. An interface here rather than the initializer calling the
 * features by name keeps {@code environment} below {@code seed} and {@code auth} in the package graph.
 */
public interface EnvironmentPreparation {

    /** Order of the option-set labels ({@code stringmap}): derived from the schema alone, before anything else. */
    int OPTION_SET_LABELS = 50;
    /** Order of the demo seed: before the application users, as the store has always run them. */
    int SEED = 100;
    /** Order of the application users. */
    int APPLICATION_USERS = 200;

    void prepare(DataverseEnvironment environment);
}
