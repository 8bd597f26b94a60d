package dev.powerpages.emulator.store.auth;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Azure Resource Manager as a resource of the tenant: the scopes and v1 resources that name it, all meaning one
 * audience. Entra ID maps a v1 {@code resource} to the v2 scope {@code <resource>/.default} without removing a
 * trailing slash, which is why the Azure SDK and az ask for {@code https://management.core.windows.net//.default}
 * ("Trailing slash and .default", Microsoft identity platform's scopes and permissions page); either form is accepted.
 */
final class ManagementResource {

    private static final String DEFAULT_SUFFIX = "/.default";

    private final String audience;
    private final Set<String> bases = new LinkedHashSet<>();

    ManagementResource(IdentityProperties.Management management) {
        this.audience = management.audience();
        for (String uri : management.identifierUris()) {
            bases.add(base(uri));
        }
    }

    /** The audience of its tokens. */
    String audience() {
        return audience;
    }

    /** Every scope naming it: {@code <uri>/.default} and {@code <uri>//.default} for each identifier URI. */
    List<String> scopes() {
        return bases.stream()
                .flatMap(base -> Stream.of(base + DEFAULT_SUFFIX, base + "/" + DEFAULT_SUFFIX))
                .toList();
    }

    /** Whether the scope names ARM ({@code https://management.azure.com//.default}, …). */
    boolean isScope(String scope) {
        return scope != null
                && scope.endsWith(DEFAULT_SUFFIX)
                && bases.contains(base(scope.substring(0, scope.length() - DEFAULT_SUFFIX.length())));
    }

    /** The identifier without the trailing slashes and in lower case, as Entra ID compares them. */
    private static String base(String uri) {
        String base = uri.toLowerCase(Locale.ROOT);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }
}
