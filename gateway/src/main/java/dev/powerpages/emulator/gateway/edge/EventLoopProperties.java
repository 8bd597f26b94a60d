package dev.powerpages.emulator.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The event loops the edge's servers and its origin client share ({@link EventLoopConfiguration}).
 *
 * @param threads how many event-loop threads; 0 gives one per processor the JVM sees ({@code
 * Runtime.availableProcessors()}, which follows a container's CPU limit). Reactor Netty's own default is at least four
 * ({@code LoopResources.DEFAULT_IO_WORKER_COUNT}: {@code max(processors, 4)})
 * @param originPoolPerLoop whether the origin client keeps its idle connections per event loop, so a proxied request's
 * origin answer arrives on the visitor connection's loop ({@link OriginConnectionsPerLoop}); off, one pool hands out
 * any idle connection, whichever loop it lives on
 */
@ConfigurationProperties("gateway.event-loops")
public record EventLoopProperties(int threads, boolean originPoolPerLoop) {

    /** The number of threads to start: {@link #threads}, or one per processor for 0. */
    public int effectiveThreads() {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }
}
