package dev.powerpages.emulator.support.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The certificates of the stack's local CA, built in the JVM with Bouncy Castle's certificate builder: the JDK
 * can make keys and signatures but has no public API to build an X.509 certificate ({@code sun.security.x509} is
 * internal and closed by the module system), and running the {@code keytool} binary depends on a JDK layout that a
 * JRE-only image lacks. Files and locking are {@link StackTls}'s business; this class only makes certificates.
 *
 * <p>What mkcert makes, and what browsers and TLS libraries accept: a root with {@code CA:TRUE, pathlen:0} and
 * keyCertSign, and end-entity server certificates ({@code CA:FALSE}, serverAuth) whose names are all in the
 * subject alternative name extension (RFC 6125: clients ignore the common name when SANs are present).
 */
final class StackCertificateAuthority {

    /** Ten years: a development root is made once and trusted once. */
    static final Duration CA_VALIDITY = Duration.ofDays(3650);

    /** 825 days: the longest validity Apple's platforms accept for a TLS server certificate. */
    static final Duration SERVER_VALIDITY = Duration.ofDays(825);

    /**
     * New keys are EC P-256 (ECDSA): generated in milliseconds, where an RSA 3072 root and an RSA 2048 server key took
     * a store starting on C1 seconds of CPU (the test kit's containers make a CA per stack). Every client the stack
     * serves (browsers, the JDK, OpenSSL under az and Python, Node.js) accepts ECDSA certificates; a CA made earlier
     * with an RSA key is read and used as it is.
     */
    private static final ECGenParameterSpec CURVE = new ECGenParameterSpec("secp256r1");

    private final X509Certificate certificate;

    private final PrivateKey key;

    StackCertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    X509Certificate certificate() {
        return certificate;
    }

    PrivateKey key() {
        return key;
    }

    /** A new root: EC P-256, self-signed, its subject naming the emulator and the machine it was made on. */
    static StackCertificateAuthority create(String machine) throws GeneralSecurityException {
        return create(machine, newKeys());
    }

    /** A new root on the keys given (a test makes one as an earlier version did). */
    static StackCertificateAuthority create(String machine, KeyPair keys) throws GeneralSecurityException {
        X500Name subject = new X500Name(
                "CN=Power Pages Stack Emulator local CA (" + escape(machine) + "),O=Power Pages Stack Emulator");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                subject,
                serial(),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(CA_VALIDITY)),
                subject,
                keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new StackCertificateAuthority(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (IOException ex) {
            throw new GeneralSecurityException("Cannot build the CA certificate", ex);
        }
    }

    /** A server key pair and its certificate, signed by this CA, valid for the names and addresses given. */
    IssuedCertificate issueServer(List<String> hostNames, List<String> ipAddresses) throws GeneralSecurityException {
        if (hostNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one host name or address");
        }
        KeyPair keys = newKeys();
        String commonName = hostNames.isEmpty() ? ipAddresses.get(0) : hostNames.get(0);
        X500Name subject = new X500Name("CN=" + escape(commonName) + ",O=Power Pages Stack Emulator");
        Instant now = Instant.now();
        Instant notAfter = now.plus(SERVER_VALIDITY);
        if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
            notAfter = certificate.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                certificate,
                serial(),
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(notAfter),
                subject,
                keys.getPublic());
        List<GeneralName> names = new ArrayList<>();
        hostNames.forEach(host -> names.add(new GeneralName(GeneralName.dNSName, host)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(
                            Extension.keyUsage,
                            true,
                            // ECDHE with an ECDSA key signs; it never enciphers a key (RFC 8813)
                            new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(
                            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(certificate));
            return new IssuedCertificate(sign(builder, key), keys.getPrivate());
        } catch (IOException ex) {
            throw new GeneralSecurityException("Cannot build the server certificate", ex);
        }
    }

    /** A server certificate with its key. */
    record IssuedCertificate(X509Certificate certificate, PrivateKey key) {}

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(
                            builder.build(new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
        } catch (OperatorCreationException ex) {
            throw new GeneralSecurityException("Cannot sign the certificate", ex);
        }
    }

    /** SHA-256 with the key's own algorithm: ECDSA for the keys made now, RSA for a CA made before them. */
    static String signatureAlgorithm(Key key) {
        return "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
    }

    private static KeyPair newKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(CURVE);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, new SecureRandom());
    }

    /** RFC 4514 escaping of the characters that would otherwise end or change a name's attribute value. */
    private static String escape(String value) {
        return value.replaceAll("([,+\"\\\\<>;=])", "\\\\$1");
    }
}
