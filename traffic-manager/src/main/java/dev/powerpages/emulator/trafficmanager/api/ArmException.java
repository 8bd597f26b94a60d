package dev.powerpages.emulator.trafficmanager.api;

import org.springframework.http.HttpStatus;

/** A request the emulated API refuses, answered in ARM's error shape. */
class ArmException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    ArmException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    static ArmException profileNotFound(String name) {
        return new ArmException(HttpStatus.NOT_FOUND, "ResourceNotFound", "The Resource '"
                + ArmResources.PROFILE_TYPE + "/" + name + "' under resource group '" + ArmResources.RESOURCE_GROUP
                + "' was not found.");
    }

    static ArmException endpointNotFound(String profile, String endpoint) {
        return new ArmException(HttpStatus.NOT_FOUND, "ResourceNotFound", "The Resource '"
                + ArmResources.PROFILE_TYPE + "/" + profile + "/externalEndpoints/" + endpoint
                + "' under resource group '" + ArmResources.RESOURCE_GROUP + "' was not found.");
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
