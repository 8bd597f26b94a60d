package dev.powerpages.emulator.appnode.limits;

import dev.powerpages.emulator.support.limits.RequestLimitsAnswers;
import dev.powerpages.emulator.support.tomcat.JsonErrorReportValve;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's side of the starter's request limits and Tomcat error answers (service-support installs both): refusals
 * in the path's error shape ({@link NodeErrors}): Dataverse's on the Web API, the node's envelope on its own
 * endpoints, a small HTML page on site pages (the limits), JSON everywhere from Tomcat, which refuses before the path
 * means anything (the valve).
 */
@Configuration(proxyBeanMethods = false)
class NodeErrorAnswers {

    @Bean
    RequestLimitsAnswers nodeRequestLimits() {
        return new RequestLimitsAnswers() {
            @Override
            public String self() {
                return "this node";
            }

            /** Dataverse's Web API takes JSON bodies only; the node's other endpoints decide for themselves. */
            @Override
            public boolean jsonOnly(String path) {
                return NodeErrors.isWebApi(path);
            }

            @Override
            public void write(HttpServletResponse response, String path, int status, String code, String message)
                    throws IOException {
                NodeErrors.write(response, path, status, code, message);
            }
        };
    }

    @Bean
    JsonErrorReportValve.ErrorBody tomcatErrorBody() {
        return (path, status, message) -> NodeErrors.json(NodeErrors.code(path, status, "RequestRejected"), message);
    }
}
