package dev.powerpages.emulator.trafficmanager.arm;

import tools.jackson.databind.JsonNode;

/** A JSON document's values by JSON pointer, asserted one after the other. */
final class JsonAssertions {

    private final JsonNode node;

    private JsonAssertions(JsonNode node) {
        this.node = node;
    }

    static JsonAssertions assertThat(JsonNode node) {
        return new JsonAssertions(node);
    }

    JsonAssertions has(String pointer, String expected) {
        org.assertj.core.api.Assertions.assertThat(node.at(pointer).asString())
                .as(pointer)
                .isEqualTo(expected);
        return this;
    }
}
