package dev.powerpages.emulator.gateway.edge;

/**
 * The body of every error the edge itself answers, in Azure's error shape plus the request's
 * reference, so a visitor can quote it: {@code {"error":{"code":…,"message":…,"reference":…}}}.
 */
public record EdgeError(Detail error) {

    public record Detail(String code, String message, String reference) {}

    public static EdgeError of(String code, String message, String reference) {
        return new EdgeError(new Detail(code, message, reference));
    }
}
