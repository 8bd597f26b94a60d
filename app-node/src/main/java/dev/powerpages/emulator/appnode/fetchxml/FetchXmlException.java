package dev.powerpages.emulator.appnode.fetchxml;

/** A FetchXML document the emulator cannot run: malformed, or using what the translation does not cover. */
public class FetchXmlException extends IllegalArgumentException {

    public FetchXmlException(String message) {
        super(message);
    }
}
