package dev.powerpages.emulator.gateway.tls;

import dev.powerpages.emulator.support.tls.StackTlsProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.server.reactive.HttpHandler;

/**
 * HTTPS beside HTTP when {@code gateway.tls.enabled=true} (env GATEWAY_TLS_ENABLED). The server bean always exists
 * and reads the switch as it starts, rather than a condition deciding whether it exists: Spring AOT fixes conditions
 * when the jar is built (the gateway's pom runs process-aot), and the switch is a run-time setting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(StackTlsProperties.class)
class TlsConfiguration {

    @Bean
    HttpsServer httpsServer(
            TlsProperties properties,
            StackTlsProperties stackTls,
            HttpHandler httpHandler,
            NettyReactiveWebServerFactory primary,
            SslBundles bundles,
            SslBundleRegistry registry,
            ObjectProvider<ReactorResourceFactory> resources) {
        return new HttpsServer(
                properties, stackTls, httpHandler, primary, bundles, registry, resources.getIfAvailable());
    }
}
