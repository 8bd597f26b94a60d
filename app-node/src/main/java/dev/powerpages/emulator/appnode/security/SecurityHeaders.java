package dev.powerpages.emulator.appnode.security;

import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

/**
 * Browser security headers on every answer of the node, as defaults the site can override: Power Pages sends the
 * site settings {@code HTTP/<Header>} as headers, and a new Power Pages site refuses to be framed by other sites
 * ("Iframes are disabled on new Power Pages sites by default", Microsoft Learn, "Embed a Power Pages site in
 * another website"). Defaults: {@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: SAMEORIGIN},
 * {@code Referrer-Policy: strict-origin-when-cross-origin}.
 *
 * <p>Spring Security's {@link HeaderWriterFilter} writes each header when the response commits and only if the
 * response has none of that name, so a site setting ({@code HTTP/X-Frame-Options}) wins and is never doubled. It
 * runs as a plain servlet filter, outside the node's security filter chain (whose own header writing stays off:
 * see NodeSecurityConfiguration), and before the request limits, so refusals carry the headers too.
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<HeaderWriterFilter> securityHeadersFilter() {
        HeaderWriterFilter filter = new HeaderWriterFilter(List.of(
                new XContentTypeOptionsHeaderWriter(),
                new XFrameOptionsHeaderWriter(XFrameOptionsMode.SAMEORIGIN),
                new ReferrerPolicyHeaderWriter(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)));
        FilterRegistrationBean<HeaderWriterFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setName("securityHeadersFilter");
        registration.setOrder(ORDER);
        return registration;
    }
}
