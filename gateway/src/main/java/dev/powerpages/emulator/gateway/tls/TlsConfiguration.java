package dev.powerpages.emulator.gateway.tls;

import dev.powerpages.emulator.support.tls.StackTlsProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;

/** HTTPS beside HTTP, only when {@code gateway.tls.enabled=true} (env GATEWAY_TLS_ENABLED). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "gateway.tls.enabled", havingValue = "true")
@EnableConfigurationProperties(StackTlsProperties.class)
class TlsConfiguration {

    @Bean
    HttpsServer httpsServer(
            TlsProperties properties,
            StackTlsProperties stackTls,
            HttpHandler httpHandler,
            NettyReactiveWebServerFactory primary,
            SslBundles bundles,
            SslBundleRegistry registry) {
        return new HttpsServer(properties, stackTls, httpHandler, primary, bundles, registry);
    }
}
