package dev.powerpages.emulator.testkit;

import java.util.Locale;

/** How the kit runs the five services. */
public enum StackMode {

    /**
     * The mode named by the system property {@code powerpages.stack.mode} ({@code in-process},
     * {@code local} or {@code containers}), else {@link #IN_PROCESS}.
     */
    DEFAULT,

    /**
     * Each service inside the test's JVM, a Spring Boot application in a class loader of its own loaded from its
     * packaged jar, on a free loopback port. Starts fastest and needs nothing but the jars; {@code kill()} stops
     * the node's web server at once and closes it, the closest a JVM can come to a crash of one of its parts.
     */
    IN_PROCESS,

    /**
     * Each service as a child JVM started from its packaged jar on a free loopback port. Needs
     * only a JDK; {@code kill()} is a real SIGKILL: choose it where that matters (measuring how
     * long visitors see errors after a process dies, as {@code FailoverIT} does).
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
        String configured = System.getProperty(PROPERTY, "in-process").trim().toLowerCase(Locale.ROOT);
        return switch (configured) {
            case "in-process", "in_process", "inprocess" -> IN_PROCESS;
            case "local", "local_processes", "processes" -> LOCAL_PROCESSES;
            case "containers", "docker" -> CONTAINERS;
            default ->
                throw new IllegalArgumentException(
                        PROPERTY + " must be 'in-process', 'local' or 'containers', not '" + configured + "'");
        };
    }
}
