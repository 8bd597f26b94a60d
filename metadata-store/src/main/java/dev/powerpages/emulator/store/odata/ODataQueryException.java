package dev.powerpages.emulator.store.odata;

/** A query option that cannot be understood; the Web API answers 400 with Dataverse's query error code. */
public class ODataQueryException extends RuntimeException {

    public ODataQueryException(String message) {
        super(message);
    }
}
