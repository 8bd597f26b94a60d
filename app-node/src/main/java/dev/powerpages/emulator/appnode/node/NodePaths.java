package dev.powerpages.emulator.appnode.node;

/**
 * The node's own paths, as opposed to the site's: its services ({@code /_services/…}: health, about, chaos, site
 * urls) and Actuator. The site's filters (sign-in, injected faults) pass them by, and their errors take the node's
 * envelope rather than a site page.
 */
public final class NodePaths {

    private NodePaths() {}

    public static boolean isNodeService(String path) {
        return path != null && (path.startsWith("/_services/") || path.startsWith("/actuator"));
    }
}
