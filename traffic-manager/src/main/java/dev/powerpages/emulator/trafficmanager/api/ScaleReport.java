package dev.powerpages.emulator.trafficmanager.api;

import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/** A scaling decision as a region's front reports it; anything else is refused with ARM's 400 shape. */
record ScaleReport(String endpoint, String reason, int from, int to) {

    private static final int MOST_INSTANCES = 1000;

    static ScaleReport read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("The request body must be a JSON object.");
        }
        JsonNode kind = body.path("kind");
        if (!kind.isMissingNode() && !(kind.isString() && "Scale".equals(kind.stringValue()))) {
            throw invalid("Only events of kind 'Scale' can be reported; status changes are the traffic manager's own.");
        }
        String endpoint = text(body, "endpoint");
        String reason = text(body, "reason");
        JsonNode instances = body.path("instances");
        int from = count(instances, "from");
        int to = count(instances, "to");
        return new ScaleReport(endpoint, reason, from, to);
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.path(field);
        if (!value.isString() || value.stringValue().isBlank()) {
            throw invalid("The field '" + field + "' must be a non-empty string.");
        }
        return value.stringValue();
    }

    private static int count(JsonNode instances, String field) {
        JsonNode value = instances.path(field);
        if (!value.isInt() || value.intValue() < 0 || value.intValue() > MOST_INSTANCES) {
            throw invalid(
                    "The field 'instances." + field + "' must be a whole number from 0 to " + MOST_INSTANCES + ".");
        }
        return value.intValue();
    }

    private static ArmException invalid(String message) {
        return new ArmException(HttpStatus.BAD_REQUEST, "BadRequest", message);
    }
}
