package dev.powerpages.emulator.support.tls;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the stack's local CA lives ({@link StackTls}), read by every service that serves or calls HTTPS.
 * {@code ./stack} sets it to {@code .stack/tls} (env {@code STACK_TLS_DIRECTORY}), compose mounts that directory at
 * {@code /tls}, and the test kit gives each stack a temporary one.
 *
 * @param directory the CA's directory; each service's application.yml defaults it to {@code data/tls}
 */
@ConfigurationProperties("stack.tls")
public record StackTlsProperties(Path directory) {

    public StackTlsProperties {
        directory = directory == null ? Path.of("data", "tls") : directory;
    }

    /** Opens (and first makes, if needed) the CA in {@link #directory()}. */
    public StackTls open() {
        return StackTls.open(directory);
    }
}
