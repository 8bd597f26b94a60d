package dev.powerpages.emulator.gateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's development certificate: a self-signed RSA certificate for localhost (and the
 * configured names and addresses), made once and kept as PKCS12 in the gateway's data folder, so a
 * browser or curl told to trust it once keeps trusting it across restarts. Built in the JVM with
 * Bouncy Castle's certificate builder: the JDK can sign but has no public API to build an X.509
 * certificate (keytool's classes are internal, and running the keytool binary needs a JDK layout
 * that a jlinked or JRE-only image may lack).
 */
final class SelfSignedCertificate {

	private static final Logger log = LoggerFactory.getLogger(SelfSignedCertificate.class);

	static final String ALIAS = "gateway";

	/** 825 days: the longest validity Apple's platforms accept for a TLS server certificate. */
	static final Duration VALIDITY = Duration.ofDays(825);

	private SelfSignedCertificate() {
	}

	/** The key store at {@code path}, made first if it does not exist (or no longer holds a usable key). */
	static KeyStore loadOrCreate(Path path, char[] password, List<String> hostNames, List<String> ipAddresses) {
		try {
			if (Files.isRegularFile(path)) {
				KeyStore existing = KeyStore.getInstance("PKCS12");
				try (InputStream in = Files.newInputStream(path)) {
					existing.load(in, password);
				}
				if (existing.isKeyEntry(ALIAS)
						&& ((X509Certificate) existing.getCertificate(ALIAS)).getNotAfter().after(new Date())) {
					log.info("HTTPS certificate reused from {}", path.toAbsolutePath());
					return existing;
				}
				log.warn("HTTPS certificate in {} has expired or has no key; making a new one", path.toAbsolutePath());
			}
			KeyStore created = create(password, hostNames, ipAddresses);
			Path folder = path.toAbsolutePath().getParent();
			if (folder != null) {
				Files.createDirectories(folder);
			}
			// Written beside and moved, so a crash never leaves half a key store for the next start.
			Path temporary = Files.createTempFile(folder, "keystore", ".tmp");
			try (OutputStream out = Files.newOutputStream(temporary)) {
				created.store(out, password);
			}
			Files.move(temporary, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
					java.nio.file.StandardCopyOption.ATOMIC_MOVE);
			Path pem = pemPath(path);
			Files.writeString(pem, pem((X509Certificate) created.getCertificate(ALIAS)), StandardCharsets.US_ASCII);
			log.info("HTTPS certificate made for {} {} in {} (trust {} in clients)", hostNames, ipAddresses,
					path.toAbsolutePath(), pem.toAbsolutePath());
			return created;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read or write the HTTPS key store " + path.toAbsolutePath(), ex);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot open or make the HTTPS key store " + path.toAbsolutePath()
					+ " (a changed gateway.tls.key-store-password?)", ex);
		}
	}

	/** {@code localhost.p12} → {@code localhost.crt}. */
	static Path pemPath(Path keyStore) {
		String name = keyStore.getFileName().toString();
		int dot = name.lastIndexOf('.');
		return keyStore.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".crt");
	}

	static KeyStore create(char[] password, List<String> hostNames, List<String> ipAddresses) throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		String commonName = hostNames.isEmpty() ? "localhost" : hostNames.get(0);
		X500Name subject = new X500Name("CN=" + commonName + ",O=Power Pages Stack Emulator,OU=Development gateway");
		Instant now = Instant.now();
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, new SecureRandom()),
				Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
		List<GeneralName> names = new ArrayList<>();
		hostNames.forEach(host -> names.add(new GeneralName(GeneralName.dNSName, host)));
		ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)))
				// An end-entity certificate: a browser trusting it can be made to trust nothing else.
				.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
				.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
				.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
				.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry(ALIAS, keys.getPrivate(), password, new Certificate[] { certificate });
			return store;
		}
		catch (OperatorCreationException | IOException ex) {
			throw new GeneralSecurityException("Cannot build the certificate", ex);
		}
	}

	static String pem(X509Certificate certificate) throws GeneralSecurityException {
		return "-----BEGIN CERTIFICATE-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
				+ "\n-----END CERTIFICATE-----\n";
	}

}
