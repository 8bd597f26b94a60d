package dev.powerpages.emulator.trafficmanager.api;

import org.springframework.http.HttpStatus;

/** A request the emulated API refuses, answered in ARM's error shape. */
public class ArmException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ArmException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public static ArmException profileNotFound(String name) {
        return new ArmException(
                HttpStatus.NOT_FOUND,
                "ResourceNotFound",
                "The Resource '"
                        + ArmResources.PROFILE_TYPE + "/" + name + "' under resource group '"
                        + ArmResources.RESOURCE_GROUP
                        + "' was not found.");
    }

    public static ArmException endpointNotFound(String profile, String endpoint) {
        return new ArmException(
                HttpStatus.NOT_FOUND,
                "ResourceNotFound",
                "The Resource '"
                        + ArmResources.PROFILE_TYPE + "/" + profile + "/externalEndpoints/" + endpoint
                        + "' under resource group '" + ArmResources.RESOURCE_GROUP + "' was not found.");
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
