package dev.powerpages.emulator.testkit;

import java.util.Locale;

/** How the kit runs the five services. */
public enum StackMode {

    /**
     * The mode named by the system property {@code powerpages.stack.mode} ({@code local} or
     * {@code containers}), else {@link #LOCAL_PROCESSES}.
     */
    DEFAULT,

    /**
     * Each service as a child JVM started from its packaged jar on a free loopback port. Needs
     * only a JDK; {@code kill()} is a real SIGKILL.
     */
    LOCAL_PROCESSES,

    /**
     * Each service in a Docker container (Testcontainers) on a private network, reached through
     * mapped ports. Tests in this mode are skipped when Docker is not available.
     */
    CONTAINERS;

    /** The system property that chooses the mode behind {@link #DEFAULT}. */
    public static final String PROPERTY = "powerpages.stack.mode";

    StackMode resolve() {
        if (this != DEFAULT) {
            return this;
        }
        String configured = System.getProperty(PROPERTY, "local").trim().toLowerCase(Locale.ROOT);
        return switch (configured) {
            case "local", "local_processes", "processes" -> LOCAL_PROCESSES;
            case "containers", "docker" -> CONTAINERS;
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be 'local' or 'containers', not '" + configured + "'");
        };
    }
}
