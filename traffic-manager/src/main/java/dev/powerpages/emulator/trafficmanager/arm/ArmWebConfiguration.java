package dev.powerpages.emulator.trafficmanager.arm;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The handler mapping of the resource-manager endpoint's controllers ({@link ArmApi}): paths matched without
 * regard to case, as Azure Resource Manager matches them (resource provider namespaces, types and names are
 * case-insensitive: the Java SDK sends {@code ExternalEndpoints}, az {@code externalEndpoints}; "Resource and
 * resource group names are case-insensitive", Azure Resource Manager docs, "Naming rules and restrictions").
 * Asked before the application's own mapping, which knows nothing of these controllers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ArmProperties.class)
class ArmWebConfiguration {

    @Bean
    RequestMappingHandlerMapping armHandlerMapping() {
        PathPatternParser parser = new PathPatternParser();
        parser.setCaseSensitive(false);
        RequestMappingHandlerMapping mapping = new RequestMappingHandlerMapping() {
            @Override
            protected boolean isHandler(Class<?> beanType) {
                return AnnotatedElementUtils.hasAnnotation(beanType, ArmApi.class);
            }
        };
        mapping.setPatternParser(parser);
        mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return mapping;
    }
}
