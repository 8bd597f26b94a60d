package dev.powerpages.emulator.sitefolder.kinds;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The enhanced model's {@code content} column: a JSON object of a component's columns. Numbers stay exact (whole
 * numbers as {@code Long}, others as {@code BigDecimal}) so a value read from YAML, put into JSON and read back is the
 * value it was.
 */
public final class ContentJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .build();

    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private ContentJson() {}

    public static String write(Map<String, Object> content) {
        return MAPPER.writeValueAsString(content);
    }

    /**
     * The columns a content document holds, in its order.
     *
     * @throws IllegalArgumentException if {@code json} is not a JSON object (the message says where)
     */
    public static Map<String, Object> read(String json) {
        if (json == null || json.isBlank()) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> content = MAPPER.readValue(json, OBJECT);
            return content == null ? new LinkedHashMap<>() : normalise(content);
        } catch (JacksonException e) {
            String where = e.getLocation() != null
                    ? " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr()
                    : "";
            throw new IllegalArgumentException("not a JSON object" + where + ": " + e.getOriginalMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> normalise(Map<String, Object> object) {
        Map<String, Object> result = new LinkedHashMap<>();
        object.forEach((key, value) -> result.put(key, normaliseValue(value)));
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object normaliseValue(Object value) {
        if (value instanceof BigInteger big) {
            return new BigDecimal(big);
        }
        if (value instanceof Integer small) {
            return small.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            return normalise((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(normaliseValue(item)));
            return items;
        }
        return value;
    }
}
