package dev.powerpages.emulator.trafficmanager.api;

/** Azure Resource Manager's error body: {@code {"error":{"code":"…","message":"…"}}}. */
record ArmError(Body error) {

    record Body(String code, String message) {}

    static ArmError of(String code, String message) {
        return new ArmError(new Body(code, message));
    }
}
