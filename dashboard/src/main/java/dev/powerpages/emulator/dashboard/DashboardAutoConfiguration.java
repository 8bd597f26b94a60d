package dev.powerpages.emulator.dashboard;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

/**
 * The live dashboard ({@code /}, {@code /api/dashboard/**}, {@code /dashboard/*} assets) in any servlet
 * application that says where its Traffic Manager profile comes from by providing a {@link ProfileSource}:
 * the traffic manager does, so the dashboard is served by its process on its port, as the contract says.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(ProfileSource.class)
@EnableConfigurationProperties(DashboardProperties.class)
@Import({
    Timeline.class,
    DashboardStream.class,
    Upstreams.class,
    SelfUrl.class,
    StackPoller.class,
    ActionProxy.class,
    DashboardController.class,
    DashboardApiController.class
})
public class DashboardAutoConfiguration {}
