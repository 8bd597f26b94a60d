package dev.powerpages.emulator.trafficmanager.security;

import dev.powerpages.emulator.support.admin.AdminKeyRejection;
import dev.powerpages.emulator.support.error.ErrorEnvelope;
import dev.powerpages.emulator.support.limits.RequestLimitsAnswers;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The traffic manager's side of the service-support starter, which checks the admin key, enforces the request limits
 * ({@code limits.*}) and answers Tomcat's own refusals (its default envelope, {@code RequestRejected}, is this
 * service's): the answers, in the envelope its APIs use ({@link TrafficManagerErrors}).
 */
@Configuration(proxyBeanMethods = false)
class TrafficManagerAdminAnswers {

    /**
     * Without the admin key: ARM's {@code AuthenticationFailed} on the profile API (what Azure Resource Manager answers
     * a request it cannot authenticate), the dashboard's own {@code Unauthorized} on its controls.
     */
    @Bean
    AdminKeyRejection trafficManagerAdminKeyRejection() {
        return (request, response, failure) -> {
            String body = request.getRequestURI().startsWith("/api/dashboard/")
                    ? ErrorEnvelope.json("Unauthorized", "The X-Admin-Key header is missing or wrong.")
                    : ErrorEnvelope.json(
                            "AuthenticationFailed",
                            "Changing profiles and endpoints needs the admin key in the X-Admin-Key header.");
            AdminKeyRejection.write(response, 401, body);
        };
    }

    @Bean
    RequestLimitsAnswers trafficManagerRequestLimits() {
        return new RequestLimitsAnswers() {
            @Override
            public String self() {
                return "the traffic manager";
            }

            /** ARM and the dashboard API take JSON bodies only. */
            @Override
            public boolean jsonOnly(String path) {
                return TrafficManagerErrors.isWebApi(path);
            }

            @Override
            public void write(HttpServletResponse response, String path, int status, String code, String message)
                    throws IOException {
                TrafficManagerErrors.write(response, path, status, code, message);
            }
        };
    }
}
