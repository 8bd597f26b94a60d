package dev.powerpages.emulator.trafficmanager.arm.auth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The Azure RBAC action a request performs, as ARM names it in an {@code AuthorizationFailed} error: the resource
 * type path followed by {@code read} (GET, HEAD), {@code write} (PUT, PATCH), {@code delete} or {@code action}
 * (POST, after the action's name): {@code Microsoft.Network/trafficManagerProfiles/externalEndpoints/write},
 * {@code Microsoft.Cdn/profiles/afdEndpoints/purge/action} ("Azure resource provider operations", Azure RBAC docs).
 */
public final class ArmActions {

    private ArmActions() {}

    public static String of(String method, String path) {
        List<String> segments = new ArrayList<>(
                Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        String verb = switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD" -> "read";
            case "DELETE" -> "delete";
            case "POST" -> "action";
            default -> "write";
        };
        int providers = indexOfIgnoreCase(segments, "providers");
        List<String> types = new ArrayList<>();
        if (providers >= 0 && providers + 1 < segments.size()) {
            types.add(segments.get(providers + 1));
            List<String> rest = segments.subList(providers + 2, segments.size());
            for (int i = 0; i < rest.size(); i += 2) {
                types.add(rest.get(i));
            }
        } else {
            // Resource Manager's own types: subscriptions, resourceGroups (and the resources listed in one), tenants.
            types.add("Microsoft.Resources");
            for (int i = 0; i < segments.size(); i += 2) {
                types.add(segments.get(i));
            }
        }
        if (verb.equals("action") && (providers < 0 || (segments.size() - providers) % 2 == 1)) {
            // The last segment is the action's own name (purge, checkTrafficManagerNameAvailabilityV2): kept.
            return String.join("/", types) + "/action";
        }
        return String.join("/", types) + "/" + verb;
    }

    private static int indexOfIgnoreCase(List<String> segments, String wanted) {
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).equalsIgnoreCase(wanted)) {
                return i;
            }
        }
        return -1;
    }
}
