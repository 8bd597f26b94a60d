package dev.powerpages.emulator.support.servlet;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code stack.errors.*}: what the answers Tomcat writes itself carry besides their JSON body.
 *
 * @param tomcatHeaders headers on Tomcat's own error answers, which pass none of the service's filters;
 *     {@code X-Content-Type-Options: nosniff} by default (the store names its Web API's {@code OData-Version} instead)
 */
@ConfigurationProperties("stack.errors")
public record ServletErrorProperties(Map<String, String> tomcatHeaders) {

    public ServletErrorProperties {
        tomcatHeaders = tomcatHeaders == null ? Map.of("X-Content-Type-Options", "nosniff") : Map.copyOf(tomcatHeaders);
    }
}
