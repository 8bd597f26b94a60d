package dev.powerpages.emulator.trafficmanager.arm;

import dev.powerpages.emulator.trafficmanager.api.ArmException;
import jakarta.annotation.PreDestroy;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.stereotype.Component;

/**
 * Purges run as Azure runs them, as long-running operations: accepted at once, then carried out in the
 * background while the client polls the operation's status. The last {@value #KEPT} operations are kept in memory
 * for polling. A plain single-thread executor (rather than a shared pool): purges are rare and each is one call to
 * the gateway, and one at a time keeps them in the order they were accepted.
 */
@Component
class PurgeOperations {

    private static final int KEPT = 200;

    /** An operation's state, in the shape of ARM's Azure-AsyncOperation status resource. */
    record Operation(
            String id, String status, Instant startTime, Instant endTime, String errorCode, String errorMessage) {

        boolean done() {
            return !status.equals("InProgress");
        }
    }

    private final FrontDoorGateway gateway;
    private final Map<String, Operation> operations = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Operation> eldest) {
            return size() > KEPT;
        }
    };
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "arm-purge");
        thread.setDaemon(true);
        return thread;
    });

    PurgeOperations(FrontDoorGateway gateway) {
        this.gateway = gateway;
    }

    /** Accepts a purge and starts it; the operation's id. */
    String start(List<String> contentPaths) {
        String id = UUID.randomUUID().toString();
        save(new Operation(id, "InProgress", Instant.now(), null, null, null));
        executor.execute(() -> {
            try {
                gateway.purge(contentPaths);
                finish(id, "Succeeded", null, null);
            } catch (ArmException ex) {
                finish(id, "Failed", ex.code(), ex.getMessage());
            } catch (RuntimeException ex) {
                finish(id, "Failed", "InternalServerError", "The purge failed: " + ex.getMessage());
            }
        });
        return id;
    }

    synchronized Optional<Operation> find(String id) {
        return Optional.ofNullable(operations.get(id));
    }

    private synchronized void save(Operation operation) {
        operations.put(operation.id(), operation);
    }

    private synchronized void finish(String id, String status, String code, String message) {
        Operation started = operations.get(id);
        if (started != null) {
            operations.put(id, new Operation(id, status, started.startTime(), Instant.now(), code, message));
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
