package dev.powerpages.emulator.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class DashboardAutoConfigurationTest {

    // port 9 (discard) on loopback: nothing answers, so the poller's calls fail at once
    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, DashboardAutoConfiguration.class))
            .withPropertyValues(
                    "traffic-manager.dashboard.gateway-url=http://127.0.0.1:9",
                    "traffic-manager.dashboard.store-url=http://127.0.0.1:9");

    @Test
    void anApplicationThatProvidesAProfileSourceServesTheDashboard() {
        runner.withBean(ProfileSource.class, () -> Optional::empty).run(context -> {
            assertThat(context)
                    .hasNotFailed()
                    .hasSingleBean(DashboardController.class)
                    .hasSingleBean(DashboardApiController.class)
                    .hasSingleBean(StackPoller.class);
            assertThat(context.getBean(DashboardProperties.class).pollInterval())
                    .hasSeconds(1);
            assertThat(context.getBean(StackPoller.class).isRunning()).isTrue();
        });
    }

    @Test
    void withoutAProfileSourceThereIsNoDashboard() {
        runner.run(context -> assertThat(context)
                .hasNotFailed()
                .doesNotHaveBean(StackPoller.class)
                .doesNotHaveBean(DashboardController.class));
    }
}
