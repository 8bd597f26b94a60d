package dev.powerpages.emulator.trafficmanager.probe;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS for health probes only: any certificate the endpoint presents is accepted, self-signed, expired or
 * for another host name, because Azure's HTTPS probes only check that a certificate is present. Being an
 * {@link X509ExtendedTrustManager}, it also takes the place of the JDK's host name check, which lives in the
 * default trust manager. A handshake still needs a certificate, so a plain-HTTP port still fails an HTTPS probe.
 */
final class AnyCertificate extends X509ExtendedTrustManager {

    private AnyCertificate() {}

    static SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("TLS is not available in this JVM", ex);
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        requirePresent(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        requirePresent(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        requirePresent(chain);
    }

    private static void requirePresent(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            throw new IllegalArgumentException("The endpoint presented no certificate");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("probes are TLS clients only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("probes are TLS clients only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("probes are TLS clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }
}
