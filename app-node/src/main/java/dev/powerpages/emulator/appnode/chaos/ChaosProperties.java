package dev.powerpages.emulator.appnode.chaos;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the chaos API behaves beyond the faults themselves.
 *
 * @param crashAction what {@code {"crash": true}} does: {@code halt} ends the JVM at once (a real crash, the
 * default); {@code close-context} stops the web server abruptly and closes the application, leaving the JVM
 * running, for a node that shares its JVM with others (the test kit's in-process mode), where a halt would end
 * them all
 */
@ConfigurationProperties("node.chaos")
public record ChaosProperties(CrashAction crashAction) {

    public ChaosProperties {
        if (crashAction == null) {
            crashAction = CrashAction.HALT;
        }
    }

    public enum CrashAction {
        HALT,
        CLOSE_CONTEXT
    }
}
