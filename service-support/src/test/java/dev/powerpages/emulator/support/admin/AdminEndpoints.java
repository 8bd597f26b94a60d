package dev.powerpages.emulator.support.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A servlet service's admin endpoints for its {@code AdminKeyTest}: every {@code METHOD pattern} of Spring MVC's
 * handler mapping that is not on the service's public list, so an endpoint added later is held to the admin key
 * without anyone remembering to list it.
 */
public final class AdminEndpoints {

    private AdminEndpoints() {}

    /**
     * @param publicEndpoints {@code METHOD pattern}, {@code *} for any method
     * @return the other endpoints, sorted; fails on a pattern that answers every method and is not public
     */
    public static List<String> of(RequestMappingHandlerMapping mappings, Set<String> publicEndpoints) {
        Set<String> admin = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (publicEndpoints.contains("* " + pattern)) {
                    continue;
                }
                assertThat(methods)
                        .as(pattern + " answers every method: list it as public or give it methods")
                        .isNotEmpty();
                for (RequestMethod method : methods) {
                    String endpoint = method.name() + " " + pattern;
                    if (!publicEndpoints.contains(endpoint)) {
                        admin.add(endpoint);
                    }
                }
            }
        }
        return new ArrayList<>(admin);
    }

    /** {@code PUT /a/{name}} → {@code PUT}. */
    public static String method(String endpoint) {
        return endpoint.substring(0, endpoint.indexOf(' '));
    }

    /** {@code PUT /a/{name}} → {@code /a/nosuch}: a path the pattern matches, naming nothing that exists. */
    public static String path(String endpoint) {
        return endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "nosuch");
    }
}
