package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import dev.powerpages.emulator.support.tomcat.JsonErrorReportValve;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Errors that Tomcat answers itself, before a request reaches Spring (a request line or headers over the
 * connector's limit, a malformed request), in the Web API's error shape: clients of a Dataverse Web API parse JSON
 * errors. The starter (service-support) installs the valve; this is the store's body for it, and
 * {@code stack.errors.tomcat-headers} adds the {@code OData-Version} header every Web API answer carries.
 */
@Configuration(proxyBeanMethods = false)
class TomcatErrorReports {

    /** 0x80060888 is Dataverse's code for a malformed request. */
    @Bean
    JsonErrorReportValve.ErrorBody dataverseErrorBody() {
        return (path, status, message) -> ErrorEnvelope.json("0x80060888", message);
    }
}
