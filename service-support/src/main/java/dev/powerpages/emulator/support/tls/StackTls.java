package dev.powerpages.emulator.support.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.net.ssl.SSLContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * The stack's local certificate authority and what it signs, kept in one directory that every service reads
 * ({@code stack.tls.directory}, env {@code STACK_TLS_DIRECTORY}; {@code ./stack} uses {@code .stack/tls/}):
 *
 * <table>
 * <caption>files</caption>
 * <tr><td>{@value #CA_CERTIFICATE}</td><td>the CA's certificate (PEM): what clients trust</td></tr>
 * <tr><td>{@value #CA_KEY}</td><td>its private key (PKCS#8 PEM), readable by the owner only</td></tr>
 * <tr><td>{@value #TRUST_STORE}</td><td>a Java trust store (PKCS12, password {@value #PASSWORD}) holding the CA</td></tr>
 * <tr><td>{@value #SERVER_KEY_STORE}</td><td>the services' key and certificate chain (PKCS12, alias {@value #SERVER_ALIAS},
 * password {@value #PASSWORD}) for {@link #HOST_NAMES} and {@link #IP_ADDRESSES}</td></tr>
 * <tr><td>{@value #SERVER_CERTIFICATE}, {@value #SERVER_KEY}</td><td>the same chain and key as PEM, for tools that are
 * not Java</td></tr>
 * </table>
 *
 * <p>Made by whichever process needs it first and reused afterwards, so a client told once to trust
 * {@value #CA_CERTIFICATE} keeps trusting every service across restarts. Several services start at once (the test kit
 * in one JVM, {@code ./stack} and compose as processes and containers over the same directory): the check-and-create
 * runs under an exclusive {@link FileLock} on {@value #LOCK_FILE} (between processes) and a per-directory monitor
 * (between threads of one JVM, where a second {@code FileChannel.lock} would throw rather than wait), and every file
 * is written beside and moved into place, so a reader never sees half a file.
 */
public final class StackTls {

    private static final Log log = LogFactory.getLog(StackTls.class);

    public static final String CA_CERTIFICATE = "ca.pem";

    public static final String CA_KEY = "ca-key.pem";

    public static final String TRUST_STORE = "truststore.p12";

    public static final String SERVER_KEY_STORE = "server.p12";

    public static final String SERVER_CERTIFICATE = "server.pem";

    public static final String SERVER_KEY = "server-key.pem";

    static final String LOCK_FILE = ".lock";

    /** The password of the PKCS12 stores: a well-known development default, like the admin key. */
    public static final String PASSWORD = "emulator-tls";

    public static final String SERVER_ALIAS = "server";

    public static final String CA_ALIAS = "powerpages-stack-emulator-ca";

    /** The names the shared server certificate is valid for: loopback and the services' compose names. */
    public static final List<String> HOST_NAMES = List.of(
            "localhost", "metadata-store", "app-node-northeurope", "app-node-westeurope", "traffic-manager", "gateway");

    public static final List<String> IP_ADDRESSES = List.of("127.0.0.1", "::1");

    /** A server certificate this close to its end is replaced on the next start. */
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    private static final ConcurrentMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

    private final Path directory;

    private final StackCertificateAuthority authority;

    private final KeyStore trustStore;

    private final KeyStore serverKeyStore;

    private StackTls(
            Path directory, StackCertificateAuthority authority, KeyStore trustStore, KeyStore serverKeyStore) {
        this.directory = directory;
        this.authority = authority;
        this.trustStore = trustStore;
        this.serverKeyStore = serverKeyStore;
    }

    /**
     * The CA and the server certificate in {@code directory}, made there first if missing, expired, or no longer
     * matching each other (a CA replaced by hand gets a new server certificate).
     */
    public static StackTls open(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        synchronized (MONITORS.computeIfAbsent(absolute, key -> new Object())) {
            try {
                Files.createDirectories(absolute);
                try (FileChannel channel = FileChannel.open(
                                absolute.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                        FileLock lock = lock(channel)) {
                    return openLocked(absolute);
                }
            } catch (IOException ex) {
                throw new UncheckedIOException("Cannot read or write the stack's TLS directory " + absolute, ex);
            } catch (GeneralSecurityException ex) {
                throw new IllegalStateException(
                        "Cannot read or make the stack's CA in " + absolute
                                + " (delete the directory to start afresh; clients must then trust the new ca.pem)",
                        ex);
            }
        }
    }

    /**
     * The directory's file lock. Services started in one JVM with class loaders of their own (the test kit's
     * in-process stacks) do not share {@link #MONITORS}, and there a second {@code lock()} throws
     * {@link java.nio.channels.OverlappingFileLockException} rather than waiting: wait for it here.
     */
    private static FileLock lock(FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(180);
        while (true) {
            try {
                return channel.lock();
            } catch (java.nio.channels.OverlappingFileLockException held) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("The stack's TLS directory stayed locked by this JVM for 180 s", held);
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for the stack's TLS directory", ex);
                }
            }
        }
    }

    private static StackTls openLocked(Path directory) throws IOException, GeneralSecurityException {
        StackCertificateAuthority authority = readAuthority(directory);
        boolean newAuthority = authority == null;
        if (newAuthority) {
            authority = StackCertificateAuthority.create(machineName());
            // The key first: a CA certificate on disk always has its key beside it.
            writeOwnerOnly(directory.resolve(CA_KEY), pemPrivateKey(authority.key()));
            writeAtomically(
                    directory.resolve(CA_CERTIFICATE),
                    pem(authority.certificate()).getBytes(StandardCharsets.US_ASCII));
            log.info(String.format(
                    "Made the stack's local CA in %s (SHA-256 %s); trust %s in clients",
                    directory, fingerprint(authority.certificate()), directory.resolve(CA_CERTIFICATE)));
        }
        KeyStore trustStore = newAuthority ? null : readTrustStore(directory, authority.certificate());
        if (trustStore == null) {
            trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            trustStore.setCertificateEntry(CA_ALIAS, authority.certificate());
            writeAtomically(directory.resolve(TRUST_STORE), store(trustStore));
        }
        KeyStore server = newAuthority ? null : readServerKeyStore(directory, authority.certificate());
        if (server == null) {
            StackCertificateAuthority.IssuedCertificate issued = authority.issueServer(HOST_NAMES, IP_ADDRESSES);
            server = serverKeyStore(issued, authority.certificate());
            writeOwnerOnly(directory.resolve(SERVER_KEY), pemPrivateKey(issued.key()));
            writeAtomically(
                    directory.resolve(SERVER_CERTIFICATE),
                    (pem(issued.certificate()) + pem(authority.certificate())).getBytes(StandardCharsets.US_ASCII));
            writeOwnerOnly(directory.resolve(SERVER_KEY_STORE), store(server));
            log.info(String.format(
                    "Issued the stack's server certificate for %s %s in %s",
                    HOST_NAMES, IP_ADDRESSES, directory.resolve(SERVER_KEY_STORE)));
        }
        return new StackTls(directory, authority, trustStore, server);
    }

    /** The directory the files are in (absolute). */
    public Path directory() {
        return directory;
    }

    public X509Certificate caCertificate() {
        return authority.certificate();
    }

    public Path caCertificateFile() {
        return directory.resolve(CA_CERTIFICATE);
    }

    public Path trustStoreFile() {
        return directory.resolve(TRUST_STORE);
    }

    /** A trust store holding only the stack's CA. */
    public KeyStore trustStore() {
        return trustStore;
    }

    /** The shared server key store: alias {@value #SERVER_ALIAS}, key password {@value #PASSWORD}. */
    public KeyStore serverKeyStore() {
        return serverKeyStore;
    }

    /**
     * A server key store for these names: the shared one when it covers them all, else a certificate issued now,
     * kept in memory only (clients trust the CA, not the certificate, so a new one per start costs them nothing).
     */
    public KeyStore serverKeyStore(Collection<String> hostNames, Collection<String> ipAddresses) {
        if (HOST_NAMES.containsAll(hostNames) && IP_ADDRESSES.containsAll(ipAddresses)) {
            return serverKeyStore;
        }
        try {
            Set<String> names = new LinkedHashSet<>(hostNames);
            names.addAll(HOST_NAMES);
            Set<String> addresses = new LinkedHashSet<>(ipAddresses);
            addresses.addAll(IP_ADDRESSES);
            return serverKeyStore(
                    authority.issueServer(List.copyOf(names), List.copyOf(addresses)), authority.certificate());
        } catch (GeneralSecurityException | IOException ex) {
            throw new IllegalStateException(
                    "Cannot issue a server certificate for " + hostNames + " " + ipAddresses, ex);
        }
    }

    /** The shared server certificate as a Spring Boot SSL bundle, for a web server's HTTPS connector. */
    public SslBundle serverSslBundle() {
        return serverSslBundle(serverKeyStore);
    }

    /** A server SSL bundle for these names ({@link #serverKeyStore(Collection, Collection)}). */
    public SslBundle serverSslBundle(Collection<String> hostNames, Collection<String> ipAddresses) {
        return serverSslBundle(serverKeyStore(hostNames, ipAddresses));
    }

    private static SslBundle serverSslBundle(KeyStore keyStore) {
        return SslBundle.of(SslStoreBundle.of(keyStore, PASSWORD, null), SslBundleKey.of(PASSWORD, SERVER_ALIAS));
    }

    /** An SSL context for clients that trusts the stack's CA and nothing else. */
    public SSLContext clientSslContext() {
        return SslBundle.of(SslStoreBundle.of(null, null, trustStore)).createSslContext();
    }

    /** SHA-256 fingerprint of a certificate, colon-separated hex as browsers and openssl show it. */
    public static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The certificate in PEM. */
    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static StackCertificateAuthority readAuthority(Path directory) throws IOException {
        Path certificateFile = directory.resolve(CA_CERTIFICATE);
        Path keyFile = directory.resolve(CA_KEY);
        if (!Files.isRegularFile(certificateFile) || !Files.isRegularFile(keyFile)) {
            return null;
        }
        try {
            X509Certificate certificate = readCertificates(certificateFile).get(0);
            certificate.checkValidity();
            PrivateKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(
                            pemBody(Files.readString(keyFile, StandardCharsets.US_ASCII), "PRIVATE KEY")));
            if (!matches(certificate, key)) {
                log.warn(String.format("%s does not match the key in %s; making a new CA", certificateFile, keyFile));
                return null;
            }
            return new StackCertificateAuthority(certificate, key);
        } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException ex) {
            log.warn(String.format(
                    "The CA in %s is expired or unreadable (%s); making a new one: clients must trust the new %s",
                    directory, ex.getMessage(), CA_CERTIFICATE));
            return null;
        }
    }

    private static KeyStore readTrustStore(Path directory, X509Certificate ca) throws IOException {
        KeyStore store = readStore(directory.resolve(TRUST_STORE));
        try {
            return store != null && ca.equals(store.getCertificate(CA_ALIAS)) ? store : null;
        } catch (GeneralSecurityException ex) {
            return null;
        }
    }

    private static KeyStore readServerKeyStore(Path directory, X509Certificate ca) throws IOException {
        KeyStore store = readStore(directory.resolve(SERVER_KEY_STORE));
        try {
            if (store == null || !store.isKeyEntry(SERVER_ALIAS)) {
                return null;
            }
            X509Certificate server = (X509Certificate) store.getCertificate(SERVER_ALIAS);
            server.verify(ca.getPublicKey());
            if (server.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
                return null;
            }
            return store;
        } catch (GeneralSecurityException ex) {
            return null; // signed by another CA, or unreadable: issue a new one
        }
    }

    private static KeyStore readStore(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD.toCharArray());
            return store;
        } catch (GeneralSecurityException | IOException ex) {
            log.warn(String.format("%s is unreadable (%s); making it again", file, ex.getMessage()));
            return null;
        }
    }

    private static KeyStore serverKeyStore(StackCertificateAuthority.IssuedCertificate issued, X509Certificate ca)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                SERVER_ALIAS, issued.key(), PASSWORD.toCharArray(), new Certificate[] {issued.certificate(), ca});
        return store;
    }

    private static boolean matches(X509Certificate certificate, PrivateKey key) throws GeneralSecurityException {
        String algorithm = StackCertificateAuthority.signatureAlgorithm(key);
        java.security.Signature signer = java.security.Signature.getInstance(algorithm);
        byte[] probe = "stack-tls".getBytes(StandardCharsets.US_ASCII);
        signer.initSign(key);
        signer.update(probe);
        byte[] signature = signer.sign();
        java.security.Signature verifier = java.security.Signature.getInstance(algorithm);
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(probe);
        return verifier.verify(signature);
    }

    static List<X509Certificate> readCertificates(Path pemFile) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate certificate :
                    CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        }
    }

    private static byte[] store(KeyStore store) throws IOException, GeneralSecurityException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, PASSWORD.toCharArray());
        return out.toByteArray();
    }

    private static byte[] pemPrivateKey(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded()).getBytes(StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBody(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("no " + type + " in the PEM file");
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        write(file, content, true);
    }

    private static void writeAtomically(Path file, byte[] content) throws IOException {
        write(file, content, false);
    }

    /** Written beside and moved into place, so a crash or a concurrent reader never sees half a file. */
    private static void write(Path file, byte[] content, boolean ownerOnly) throws IOException {
        Path temporary =
                Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            if (ownerOnly) {
                restrictToOwner(temporary);
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                out.write(content);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException ex) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
        if (!ownerOnly) {
            // createTempFile makes owner-only files; certificates and trust stores are for every local user to read.
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system (Windows): the file inherits the directory's access list
        }
    }

    /** Who made the CA, as mkcert names its roots; not the host name, whose lookup can stall on a misconfigured resolver. */
    private static String machineName() {
        return System.getProperty("user.name", "unknown user");
    }
}
