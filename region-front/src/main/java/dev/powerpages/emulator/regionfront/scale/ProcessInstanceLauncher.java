package dev.powerpages.emulator.regionfront.scale;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts app-node instances as ./stack does: the command and environment ./stack handed the front
 * ({@code front.scale.launch.*}), a free port chosen as ./stack chooses one (at random below Linux's ephemeral range,
 * so the stack's own outgoing connections do not take it first), the instance's pid and port recorded in ./stack's
 * state folder so that {@code ./stack ps} shows it and {@code ./stack down} stops it. Instances still running when the
 * front stops are stopped with it.
 */
@Component
class ProcessInstanceLauncher implements InstanceLauncher {

    private static final Logger log = LoggerFactory.getLogger(ProcessInstanceLauncher.class);

    private final ScaleProperties.Launch launch;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();

    ProcessInstanceLauncher(ScaleProperties properties) {
        this.launch = properties.launch();
    }

    @Override
    public String unavailableBecause() {
        return launch.configured()
                ? null
                : "no launch command (front.scale.launch.command): the front starts instances when ./stack started it"
                        + " (under docker compose, scale by hand: docker-compose up -d --scale app-node-<region>=N)";
    }

    @Override
    public LaunchedInstance start(String region, int number) throws IOException {
        if (!launch.configured()) {
            throw new IOException(unavailableBecause());
        }
        String service = "app-node-" + region + "-" + number;
        int port = freePort();
        List<String> command = new ArrayList<>(launch.command());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        // The front's own settings are not the instance's: it gets what ./stack gives an instance, and its own port.
        env.keySet().removeIf(name -> name.startsWith("FRONT_") || name.equals("SERVER_PORT"));
        for (String pair : launch.environment()) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                env.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        env.put("SERVER_PORT", Integer.toString(port));
        env.put("NODE_REGION", region);
        env.put("NODE_NAME", region + "-" + number);
        if (launch.logDir() != null) {
            Files.createDirectories(launch.logDir());
            builder.redirectOutput(launch.logDir().resolve(service + ".log").toFile());
        } else {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process process = builder.start();
        running.add(process);
        record(service, "pids", Long.toString(process.pid()));
        record(service, "ports", Integer.toString(port));
        URI url = URI.create("http://" + launch.host() + ":" + port);
        return new LaunchedInstance() {
            @Override
            public URI url() {
                return url;
            }

            @Override
            public String describe() {
                return "pid " + process.pid();
            }

            @Override
            public void stop() {
                stopProcess(process);
                forget(service);
                running.remove(process);
            }
        };
    }

    /** The front stops: so do the instances it started (./stack down also stops them by their pid files). */
    @jakarta.annotation.PreDestroy
    void stopAll() {
        running.forEach(ProcessInstanceLauncher::stopProcess);
    }

    private static void stopProcess(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private void record(String service, String kind, String value) {
        if (launch.stateDir() == null) {
            return;
        }
        try {
            Path dir = launch.stateDir().resolve(kind);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(service + (kind.equals("pids") ? ".pid" : ".port")), value + "\n");
        } catch (IOException e) {
            log.warn("Could not record {} of {} for ./stack: {}", kind, service, e.getMessage());
        }
    }

    private void forget(String service) {
        if (launch.stateDir() == null) {
            return;
        }
        try {
            Files.deleteIfExists(launch.stateDir().resolve("pids").resolve(service + ".pid"));
            Files.deleteIfExists(launch.stateDir().resolve("ports").resolve(service + ".port"));
        } catch (IOException e) {
            log.warn("Could not remove ./stack's records of {}: {}", service, e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = 20000 + ThreadLocalRandom.current().nextInt(12000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no free port found between 20000 and 32000");
    }
}
