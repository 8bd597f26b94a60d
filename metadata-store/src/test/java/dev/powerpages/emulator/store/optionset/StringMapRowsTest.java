package dev.powerpages.emulator.store.optionset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.store.schema.SchemaLoader;
import dev.powerpages.emulator.store.schema.StoreSchema;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StringMapRowsTest {

    private static final String SCHEMA = """
            tables:
              - logicalName: cr123_course
                entitySetName: cr123_courses
                columns:
                  - { name: cr123_name, type: string }
                  - { name: cr123_level, type: choice, options: { 30: Advanced, 10: Beginner, 20: Intermediate } }
                  - { name: cr123_untitled, type: choice }
                  - { name: statecode, type: choice, options: { 0: Open, 1: Closed } }
              - logicalName: cr123_teacher
                entitySetName: cr123_teachers
                columns:
                  - { name: cr123_name, type: string }
              - logicalName: stringmap
                entitySetName: stringmaps
                readOnly: true
                columns:
                  - { name: attributename, type: string }
                  - { name: attributevalue, type: integer }
                  - { name: displayorder, type: integer }
                  - { name: langid, type: integer }
                  - { name: objecttypecode, type: string }
                  - { name: value, type: string }
            manyToMany:
              - { name: cr123_course_teacher, entity1: cr123_course, entity2: cr123_teacher }
            """;

    @Test
    void eachNamedOptionIsARowInTheOrderTheSchemaWritesThem() throws IOException {
        Map<UUID, Map<String, Object>> rows = StringMapRows.derive(load(SCHEMA));

        assertThat(labels(rows, "cr123_course", "cr123_level"))
                .containsExactly(
                        row("cr123_course", "cr123_level", 30, 1, "Advanced"),
                        row("cr123_course", "cr123_level", 10, 2, "Beginner"),
                        row("cr123_course", "cr123_level", 20, 3, "Intermediate"));
        // A choice column that names no options has no labels to serve.
        assertThat(labels(rows, "cr123_course", "cr123_untitled")).isEmpty();
    }

    @Test
    void stateAndStatusHaveTheTablesOwnOptionsOrDataversesDefaults() throws IOException {
        Map<UUID, Map<String, Object>> rows = StringMapRows.derive(load(SCHEMA));

        assertThat(labels(rows, "cr123_course", "statecode"))
                .extracting(row -> row.get("value"))
                .containsExactly("Open", "Closed");
        assertThat(labels(rows, "cr123_course", "statuscode"))
                .extracting(row -> row.get("attributevalue") + " " + row.get("value"))
                .containsExactly("1 Active", "2 Inactive");
        assertThat(labels(rows, "cr123_teacher", "statecode"))
                .extracting(row -> row.get("attributevalue") + " " + row.get("value"))
                .containsExactly("0 Active", "1 Inactive");
    }

    @Test
    void theIntersectTableAndTheLabelsTableItselfAreNotLabelled() throws IOException {
        Map<UUID, Map<String, Object>> rows = StringMapRows.derive(load(SCHEMA));

        assertThat(rows.values())
                .extracting(row -> row.get("objecttypecode"))
                .containsOnly("cr123_course", "cr123_teacher");
    }

    @Test
    void anOptionKeepsItsIdFromOneDerivationToTheNext() throws IOException {
        String reordered = SCHEMA.replace(
                "{ 30: Advanced, 10: Beginner, 20: Intermediate }", "{ 10: Beginner, 20: Intermediate, 30: Expert }");

        Map<UUID, Map<String, Object>> before = StringMapRows.derive(load(SCHEMA));
        Map<UUID, Map<String, Object>> after = StringMapRows.derive(load(reordered));

        assertThat(after.keySet()).isEqualTo(before.keySet());
        UUID advanced = before.entrySet().stream()
                .filter(entry -> "Advanced".equals(entry.getValue().get("value")))
                .findFirst()
                .orElseThrow()
                .getKey();
        assertThat(after.get(advanced)).containsEntry("value", "Expert").containsEntry("displayorder", 3);
    }

    @Test
    void optionsOnAColumnThatIsNoChoiceAreRefused() {
        String wrong = SCHEMA.replace(
                "{ name: cr123_name, type: string }", "{ name: cr123_name, type: string, options: { 1: A } }");

        assertThatThrownBy(() -> load(wrong))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cr123_course.cr123_name");
    }

    private static StoreSchema load(String yaml) throws IOException {
        return new SchemaLoader().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Map<String, Object>> labels(Map<UUID, Map<String, Object>> rows, String table, String column) {
        return rows.values().stream()
                .filter(row -> table.equals(row.get("objecttypecode")) && column.equals(row.get("attributename")))
                .toList();
    }

    private static Map<String, Object> row(String table, String column, int value, int order, String label) {
        return Map.of(
                "attributename", column,
                "attributevalue", value,
                "displayorder", order,
                "langid", 1033,
                "objecttypecode", table,
                "value", label);
    }
}
