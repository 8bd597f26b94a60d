package dev.powerpages.emulator.testkit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jackson 3, the same JSON library the services use. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {}

    static JsonNode parse(HttpResult result) {
        return MAPPER.readTree(result.body());
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
