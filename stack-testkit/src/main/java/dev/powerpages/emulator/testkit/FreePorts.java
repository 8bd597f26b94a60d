package dev.powerpages.emulator.testkit;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;

/**
 * Free ports for services that are started some seconds after the port is chosen.
 *
 * <p>{@code new ServerSocket(0)} answers with a port of the operating system's ephemeral range, the range it also
 * gives every outgoing connection its local port from: while a stack starts, its services open hundreds of
 * connections (probes, tokens, the store), and one of them can take the port a service has been told to listen on
 * before that service binds it ("Port … was already in use", seen in CI). Spring's {@code TestSocketUtils} draws from
 * 1024-65535, the ephemeral range included, so it has the same race. These ports are drawn from below the ephemeral
 * range ({@code /proc/sys/net/ipv4/ip_local_port_range} where Linux has it, 32768 otherwise, IANA's start of it being
 * 49152), where only a listener can hold them, and a port handed out once is not handed out again by this JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 10_000;
    private static final int ATTEMPTS = 1_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int DEFAULT_EPHEMERAL_START = 32_768;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {}

    /** A TCP port no process listens on, outside the ephemeral range. */
    public static int tcp() {
        return tcpBetween(LOWEST, candidatesEnd());
    }

    /** A UDP port no process has bound, outside the ephemeral range. */
    public static int udp() {
        return pick(LOWEST, candidatesEnd(), FreePorts::udpFree);
    }

    /** A free TCP port from {@code low} (inclusive) to {@code end} (exclusive). */
    static int tcpBetween(int low, int end) {
        return pick(low, end, FreePorts::tcpFree);
    }

    /** Whether {@link #tcpBetween} could hand out this port now: nobody listens on it and it was not handed out. */
    static boolean unclaimed(int port) {
        return !HANDED_OUT.contains(port) && tcpFree(port);
    }

    private static int pick(int low, int end, IntPredicate free) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(low, end);
            if (free.test(port) && HANDED_OUT.add(port)) {
                return port;
            }
        }
        throw new IllegalStateException(
                "no free port from " + low + " to " + (end - 1) + " after " + ATTEMPTS + " attempts");
    }

    private static int candidatesEnd() {
        return Math.max(LOWEST + 1_000, ephemeralStart());
    }

    private static int ephemeralStart() {
        try {
            // readAllLines, not readString: the JDK's readString trusts the size procfs reports and reads one byte
            String range = Files.readAllLines(EPHEMERAL_RANGE).get(0).trim();
            return Integer.parseInt(range.split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return DEFAULT_EPHEMERAL_START;
        }
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
        }
    }
}
