package dev.powerpages.emulator.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.EventLoopGroup;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.LoopResources;

class EventLoopConfigurationTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(EventLoopConfiguration.class)
            .withBean(Properties.class);

    @EnableConfigurationProperties(EventLoopProperties.class)
    static class Properties {}

    @Test
    void theServerAndTheOriginClientRunOnTheSameLoopsSoTheClientStaysOnTheVisitorsThread() {
        contexts.withPropertyValues("gateway.event-loops.threads=3").run(context -> {
            LoopResources loops = context.getBean(LoopResources.class);
            ReactorResourceFactory serverResources = context.getBean(ReactorResourceFactory.class);
            assertThat(serverResources.isUseGlobalResources()).isFalse();
            assertThat(serverResources.getLoopResources()).isSameAs(loops);
            HttpClient client = context.getBean(HttpClientCustomizer.class).customize(HttpClient.create());
            assertThat(client.configuration().loopResources()).isSameAs(loops);
        });
    }

    @Test
    void startsTheConfiguredNumberOfEventLoops() {
        contexts.withPropertyValues("gateway.event-loops.threads=3")
                .run(context -> assertThat(loopsOf(context.getBean(LoopResources.class)))
                        .isEqualTo(3));
    }

    @Test
    void zeroStartsOneEventLoopPerProcessor() {
        contexts.withPropertyValues("gateway.event-loops.threads=0")
                .run(context -> assertThat(loopsOf(context.getBean(LoopResources.class)))
                        .isEqualTo(Runtime.getRuntime().availableProcessors()));
    }

    private static long loopsOf(LoopResources loops) {
        EventLoopGroup group = loops.onServer(true);
        return StreamSupport.stream(group.spliterator(), false).count();
    }
}
