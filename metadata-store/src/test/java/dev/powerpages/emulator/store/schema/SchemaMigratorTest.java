package dev.powerpages.emulator.store.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class SchemaMigratorTest {

    private static StoreSchema schema(String yaml) throws Exception {
        return new SchemaLoader().load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static JdbcTemplate database() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return new JdbcTemplate(dataSource);
    }

    @Test
    void everyTableOfTheShippedSchemaGetsTheSystemColumns() throws Exception {
        try (InputStream yaml = getClass().getResourceAsStream("/schema/tables.yaml")) {
            StoreSchema schema = new SchemaLoader().load(yaml);

            assertThat(schema.tables())
                    .extracting(TableDefinition::entitySetName)
                    .contains(
                            "adx_websites",
                            "adx_webpages",
                            "adx_publishingstates",
                            "adx_pagetemplates",
                            "adx_webtemplates",
                            "adx_contentsnippets",
                            "adx_sitesettings",
                            "adx_sitemarkers",
                            "adx_weblinksets",
                            "adx_weblinks",
                            "adx_webfiles",
                            "annotations",
                            "accounts",
                            "contacts");
            for (TableDefinition table : schema.tables()) {
                assertThat(table.columns())
                        .extracting(ColumnDefinition::name)
                        .as(table.logicalName())
                        .contains(
                                table.primaryId(),
                                "createdon",
                                "modifiedon",
                                "versionnumber",
                                "statecode",
                                "statuscode");
            }
            assertThat(schema.requireTable("contact").navigation("parentcustomerid_account"))
                    .isPresent();
        }
    }

    @Test
    void generatesQuotedDdlFromTheDefinition() throws Exception {
        TableDefinition table = schema("""
                tables:
                  - logicalName: new_thing
                    entitySetName: new_things
                    columns:
                      - { name: value, type: string }
                      - { name: new_ownerid, type: lookup, target: new_thing }
                """).requireTable("new_thing");

        String ddl = new SchemaDdl().createTable(table);

        assertThat(ddl)
                .startsWith("CREATE TABLE IF NOT EXISTS \"new_thing\" (\"new_thingid\" UUID PRIMARY KEY")
                .contains("\"value\" CHARACTER VARYING(4000)", "\"new_ownerid\" UUID", "\"versionnumber\" BIGINT");
        assertThat(new SchemaDdl().createIndexes(table))
                .singleElement()
                .asString()
                .contains("\"new_ownerid\"");
    }

    @Test
    void addingAColumnToTheSchemaFileAddsItToExistingStorageAndKeepsRows() throws Exception {
        JdbcTemplate jdbc = database();
        new SchemaMigrator(jdbc).migrate(schema("""
                tables:
                  - logicalName: new_project
                    entitySetName: new_projects
                    columns:
                      - { name: new_name, type: string }
                """));
        UUID id = UUID.randomUUID();
        jdbc.update("INSERT INTO \"new_project\" (\"new_projectid\", \"new_name\") VALUES (?, ?)", id, "Apollo");

        new SchemaMigrator(jdbc).migrate(schema("""
                tables:
                  - logicalName: new_project
                    entitySetName: new_projects
                    columns:
                      - { name: new_name, type: string }
                      - { name: new_budget, type: money }
                  - logicalName: new_task
                    entitySetName: new_tasks
                    columns:
                      - { name: new_projectid, type: lookup, target: new_project }
                """));

        assertThat(jdbc.queryForObject(
                        "SELECT \"new_name\" FROM \"new_project\" WHERE \"new_projectid\" = ?", String.class, id))
                .isEqualTo("Apollo");
        jdbc.update("UPDATE \"new_project\" SET \"new_budget\" = 12.5");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM \"new_task\"", Integer.class))
                .isZero();
    }

    @Test
    void aStartWithTheSchemaAsLastMigratedLeavesTheStorageAloneAndAChangedOneIsMigrated() throws Exception {
        JdbcTemplate jdbc = database();
        String projects = """
                tables:
                  - logicalName: new_project
                    entitySetName: new_projects
                    columns:
                      - { name: new_name, type: string }
                """;
        new SchemaMigrator(jdbc).migrate(schema(projects));
        // a column the schema does not name, added behind the migrator's back: a skipped migration cannot see it
        jdbc.execute("ALTER TABLE \"new_project\" DROP COLUMN \"new_name\"");

        new SchemaMigrator(jdbc).migrate(schema(projects));
        assertThat(columns(jdbc, "new_project")).doesNotContain("new_name");

        new SchemaMigrator(jdbc).migrate(schema(projects.replace("type: string", "type: memo")));
        assertThat(columns(jdbc, "new_project")).contains("new_name");
    }

    private static java.util.List<String> columns(JdbcTemplate jdbc, String table) {
        return jdbc.queryForList(
                "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = CURRENT_SCHEMA AND TABLE_NAME = ?",
                String.class,
                table);
    }

    @Test
    void rejectsInvalidDefinitions() {
        assertThatThrownBy(() -> schema("""
                tables:
                  - { logicalName: "bad name; drop table x", entitySetName: bads }
                """)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> schema("""
                tables:
                  - logicalName: new_a
                    entitySetName: new_as
                    columns: [ { name: new_b, type: lookup, target: nowhere } ]
                """))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nowhere");
        assertThatThrownBy(() -> schema("""
                tables:
                  - logicalName: new_a
                    entitySetName: new_as
                    columns: [ { name: createdon, type: string } ]
                """)).isInstanceOf(IllegalArgumentException.class);
    }
}
