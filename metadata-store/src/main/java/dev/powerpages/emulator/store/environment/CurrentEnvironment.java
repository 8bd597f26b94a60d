package dev.powerpages.emulator.store.environment;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The environment the current request (or start-up step) works in, bound to the thread by
 * {@link EnvironmentRoutingFilter}; the routing data source, the token audience check and the URLs the
 * Web API writes read it. With nothing bound it is the default environment under the store's own URL,
 * which keeps single-environment behaviour unchanged.
 */
@Component
public class CurrentEnvironment {

    /** The Web API's path below an environment's URL. */
    public static final String WEB_API_PATH = "/api/data/v9.2";

    private static final ThreadLocal<Binding> BOUND = new ThreadLocal<>();

    private final Environments environments;

    public CurrentEnvironment(Environments environments) {
        this.environments = environments;
    }

    /**
     * @param environment the environment
     * @param baseUrl     the URL it was reached by (host-name, path-prefix or the store's own URL), which
     *                    the Web API's links and context URLs start with
     */
    record Binding(DataverseEnvironment environment, String baseUrl) {}

    public DataverseEnvironment environment() {
        Binding binding = BOUND.get();
        return binding == null ? environments.defaultEnvironment() : binding.environment();
    }

    /** The environment's URL as this request named it, e.g. {@code http://localhost:8070/fabrikam}. */
    public String baseUrl() {
        Binding binding = BOUND.get();
        return binding == null ? environments.defaultEnvironment().url() : binding.baseUrl();
    }

    /** The OData service root, e.g. {@code http://localhost:8070/fabrikam/api/data/v9.2}. */
    public String serviceRoot() {
        return baseUrl() + WEB_API_PATH;
    }

    /** Runs {@code work} in {@code environment} (reached by its main URL), e.g. to migrate or seed its database. */
    public <T> T callIn(DataverseEnvironment environment, Supplier<T> work) {
        return callIn(environment, environment.url(), work);
    }

    <T> T callIn(DataverseEnvironment environment, String baseUrl, Supplier<T> work) {
        Binding previous = BOUND.get();
        BOUND.set(new Binding(environment, baseUrl));
        try {
            return work.get();
        } finally {
            if (previous == null) {
                BOUND.remove();
            } else {
                BOUND.set(previous);
            }
        }
    }

    /** The name of the bound environment, {@code null} when none is bound (start-up of the default's storage). */
    static String boundName() {
        Binding binding = BOUND.get();
        return binding == null ? null : binding.environment().name();
    }
}
