package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.support.tomcat.JsonErrorReportValve;
import java.util.Map;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Errors that Tomcat answers itself, before a request reaches Spring (a request line or headers over the
 * connector's limit, a malformed request), in the Web API's error shape {@code {"error":{"code":…,"message":…}}}
 * rather than Tomcat's HTML report page: clients of a Dataverse Web API parse JSON errors.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReports {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> dataverseErrorReportValve() {
        // 0x80060888 is Dataverse's code for a malformed request; the message is the valve's own fixed text, with
        // nothing in it that JSON would need escaped. Tomcat's answers pass none of the store's filters, so the
        // OData-Version header every Web API answer carries is added here.
        return JsonErrorReportValve.customizer(
                (path, status, message) -> "{\"error\":{\"code\":\"0x80060888\",\"message\":\"" + message + "\"}}",
                Map.of("OData-Version", "4.0"));
    }
}
