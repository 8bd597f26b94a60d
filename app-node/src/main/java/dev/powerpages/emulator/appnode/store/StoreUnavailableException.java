package dev.powerpages.emulator.appnode.store;

/** The metadata store could not answer (network, timeout, 5xx, open circuit or a rejected token). */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
