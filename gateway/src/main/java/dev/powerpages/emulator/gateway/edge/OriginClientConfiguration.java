package dev.powerpages.emulator.gateway.edge;

import java.util.List;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientSslConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.netty.resources.LoopResources;

/**
 * The origin client bean, Spring Cloud Gateway's, with a connection pool per event loop ({@link OriginClientFactory});
 * Spring Cloud Gateway's own factory backs off for it ({@code @ConditionalOnMissingBean(HttpClientFactory.class)}).
 */
@Configuration(proxyBeanMethods = false)
class OriginClientConfiguration {

    @Bean
    OriginClientFactory originClientFactory(
            HttpClientProperties properties,
            ServerProperties serverProperties,
            HttpClientSslConfigurer sslConfigurer,
            List<HttpClientCustomizer> customizers,
            LoopResources edgeEventLoops,
            VisitorsLoops visitorsLoops,
            EventLoopProperties eventLoops) {
        return new OriginClientFactory(
                properties,
                serverProperties,
                sslConfigurer,
                customizers,
                edgeEventLoops,
                visitorsLoops,
                eventLoops.originPoolPerLoop());
    }
}
