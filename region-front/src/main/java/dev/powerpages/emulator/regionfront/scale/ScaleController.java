package dev.powerpages.emulator.regionfront.scale;

import dev.powerpages.emulator.support.error.ErrorEnvelope;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /_services/scale} on the region's address, behind the admin key: {@code GET} shows the capacity, the bounds,
 * the windows, the measured rate, the instances and the recent decisions; {@code PATCH} with a JSON merge patch
 * changes any of {@code enabled}, {@code capacity}, {@code min}, {@code max}, {@code scaleOutWindow},
 * {@code scaleInWindow}, {@code coolDown} (durations in ISO 8601, {@code PT30S}, as Azure's autoscale settings write
 * them). A refused change answers 400 and changes nothing.
 */
@RestController
@RequestMapping("/_services/scale")
class ScaleController {

    private final Autoscaler autoscaler;

    ScaleController(Autoscaler autoscaler) {
        this.autoscaler = autoscaler;
    }

    @GetMapping
    ResponseEntity<?> get() {
        return ResponseEntity.ok(autoscaler.state());
    }

    @PatchMapping
    ResponseEntity<?> patch(@RequestBody(required = false) JsonNode patch) {
        if (patch == null || !patch.isObject()) {
            return invalid("The body must be a JSON object, e.g. {\"capacity\": 5, \"max\": 3}");
        }
        ScaleSettings now = autoscaler.settings();
        ScaleSettings changed;
        try {
            changed = new ScaleSettings(
                    bool(patch, "enabled", now.enabled()),
                    number(patch, "capacity", now.capacity()),
                    whole(patch, "min", now.min()),
                    whole(patch, "max", now.max()),
                    duration(patch, "scaleOutWindow", now.scaleOutWindow()),
                    duration(patch, "scaleInWindow", now.scaleInWindow()),
                    duration(patch, "coolDown", now.coolDown()));
        } catch (ScaleSettings.InvalidScaleSetting e) {
            return invalid(e.getMessage());
        }
        autoscaler.change(changed);
        return ResponseEntity.ok(autoscaler.state());
    }

    /** A body that is not JSON at all. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<?> unreadable(ServerWebInputException e) {
        return invalid("The body must be a JSON object, e.g. {\"capacity\": 5, \"max\": 3}");
    }

    private static boolean bool(JsonNode patch, String field, boolean current) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return current;
        }
        if (!value.isBoolean()) {
            throw new ScaleSettings.InvalidScaleSetting(field + " must be true or false");
        }
        return value.booleanValue();
    }

    private static double number(JsonNode patch, String field, double current) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return current;
        }
        if (!value.isNumber()) {
            throw new ScaleSettings.InvalidScaleSetting(field + " must be a number");
        }
        return value.doubleValue();
    }

    private static int whole(JsonNode patch, String field, int current) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return current;
        }
        if (!value.isInt()) {
            throw new ScaleSettings.InvalidScaleSetting(field + " must be a whole number");
        }
        return value.intValue();
    }

    private static Duration duration(JsonNode patch, String field, Duration current) {
        JsonNode value = patch.get(field);
        if (value == null) {
            return current;
        }
        try {
            return Duration.parse(value.isString() ? value.stringValue() : "");
        } catch (DateTimeParseException e) {
            throw new ScaleSettings.InvalidScaleSetting(field + " must be an ISO 8601 duration such as PT30S");
        }
    }

    private static ResponseEntity<?> invalid(String message) {
        return error(HttpStatus.BAD_REQUEST, "InvalidScaleSetting", message);
    }

    private static ResponseEntity<?> error(HttpStatus status, String code, String message) {
        return ResponseEntity.status(status).body(ErrorEnvelope.of(code, message));
    }
}
