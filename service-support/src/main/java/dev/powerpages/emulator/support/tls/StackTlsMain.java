package dev.powerpages.emulator.support.tls;

import java.nio.file.Path;

/**
 * Makes the stack's CA before any service starts ({@code ./stack tls}, and {@code ./stack up} on a fresh clone),
 * so that it exists for compose to mount and for tools to trust. Run from any service jar:
 * {@code java -cp metadata-store.jar -Dloader.main=dev.powerpages.emulator.support.tls.StackTlsMain
 * org.springframework.boot.loader.launch.PropertiesLauncher DIR}.
 */
public final class StackTlsMain {

    private StackTlsMain() {}

    public static void main(String[] args) {
        Path directory =
                Path.of(args.length > 0 ? args[0] : System.getenv().getOrDefault("STACK_TLS_DIRECTORY", "data/tls"));
        StackTls tls = StackTls.open(directory);
        System.out.println("CA           " + tls.caCertificateFile());
        System.out.println("SHA-256      " + StackTls.fingerprint(tls.caCertificate()));
        System.out.println("trust store  " + tls.trustStoreFile() + " (PKCS12, password " + StackTls.PASSWORD + ")");
    }
}
