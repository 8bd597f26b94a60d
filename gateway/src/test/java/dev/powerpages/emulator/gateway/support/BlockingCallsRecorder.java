package dev.powerpages.emulator.gateway.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * BlockHound's set-up for the gateway's tests (loaded by its ServiceLoader when blockhound-junit-platform installs
 * it): every blocking call on a non-blocking thread (a Netty event loop, Reactor's parallel scheduler) is recorded
 * here, so a test can assert that a request made none even where the error would be swallowed on the way, and then
 * fails as BlockHound's default does. The calls allowed are listed below, each with why.
 */
public final class BlockingCallsRecorder implements BlockHoundIntegration {

    private static final List<String> calls = new CopyOnWriteArrayList<>();

    /** The blocking calls made on non-blocking threads so far in this JVM, as "thread: class.method". */
    public static List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // edge.EdgeReference's SecureRandom (NativePRNG on Linux) refills its small buffer from /dev/urandom, a read
        // that never waits once the kernel's generator is seeded at boot (random(4)); Netty and Reactor Netty make
        // the same call on their event loops for WebSocket masks and TLS.
        builder.allowBlockingCallsInside("sun.security.provider.NativePRNG$RandomIO", "implNextBytes");
        // Netty 4.2's adaptive buffer allocator takes a StampedLock's write lock when event loops contend for its
        // magazines (growing the group, handing a buffer back): a short in-memory lock, never I/O, like the PoolArena
        // locks Netty's own BlockHound integration allows. Under load, EdgeHostileRequestsTest's in-JVM origin hit it
        // while reading a chunked body and answered 500.
        builder.allowBlockingCallsInside(
                "io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "tryExpandMagazines");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.blockingMethodCallback(method -> {
            calls.add(Thread.currentThread().getName() + ": " + method);
            throw new BlockingOperationError(method);
        });
    }
}
