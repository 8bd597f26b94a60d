package dev.powerpages.emulator.support.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonDepthTest {

    @Test
    void nestingUpToTheLimitPasses() {
        assertThat(JsonDepth.exceeds(bytes("{\"a\":[1,{\"b\":[]}]}"), 4)).isFalse();
        assertThat(JsonDepth.exceeds(bytes("[".repeat(64) + "]".repeat(64)), 64))
                .isFalse();
    }

    @Test
    void nestingBeyondTheLimitIsFoundWhereverItIs() {
        assertThat(JsonDepth.exceeds(bytes("{\"a\":[1,{\"b\":[]}]}"), 3)).isTrue();
        assertThat(JsonDepth.exceeds(bytes("[".repeat(65) + "]".repeat(65)), 64))
                .isTrue();
        assertThat(JsonDepth.exceeds(bytes("[[],[],[[[[]]]]]"), 4)).isTrue();
    }

    @Test
    void bracketsInsideStringsDoNotCount() {
        assertThat(JsonDepth.exceeds(bytes("{\"text\":\"" + "[{".repeat(1000) + "\"}"), 1))
                .isFalse();
    }

    @Test
    void anEscapedQuoteDoesNotEndTheString() {
        assertThat(JsonDepth.exceeds(bytes("[\"a \\\" [[[[ still text\"]"), 1)).isFalse();
        assertThat(JsonDepth.exceeds(bytes("[\"a \\\\\",[[]]]"), 2))
                .as("an escaped backslash does end it")
                .isTrue();
    }

    @Test
    void aMillionOpeningBracketsCostOnePassNotTheStack() {
        assertThat(JsonDepth.exceeds(bytes("[".repeat(1_000_000)), 64)).isTrue();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
