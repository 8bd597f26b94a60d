package dev.powerpages.emulator.store.optionset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powerpages.emulator.store.MetadataStoreApplication;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A file-backed store brings {@code stringmap} back in step with the schema at each start, changing only what differs:
 * a label changed behind its back is restored, a row no option gives is removed, the other rows keep their versions.
 */
class StringMapAcrossRestartsTest {

    private static final String HIGH = "SELECT \"stringmapid\", \"value\", \"versionnumber\" FROM \"stringmap\" WHERE "
            + "\"objecttypecode\" = 'incident' AND \"attributename\" = 'prioritycode' AND \"attributevalue\" = ";

    @TempDir
    Path dataDir;

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(MetadataStoreApplication.class)
                .run("--server.port=0", "--store.in-memory=false", "--store.data-dir=" + dataDir);
    }

    @Test
    void aRestartRestoresTheSchemasLabelsAndKeepsTheRestAsItWas() {
        Map<String, Object> high;
        Map<String, Object> low;
        UUID stale = UUID.randomUUID();
        try (ConfigurableApplicationContext first = start()) {
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            high = jdbc.queryForMap(HIGH + "1");
            low = jdbc.queryForMap(HIGH + "3");
            jdbc.update(
                    "UPDATE \"stringmap\" SET \"value\" = 'Changed' WHERE \"stringmapid\" = ?",
                    high.get("stringmapid"));
            jdbc.update(
                    "INSERT INTO \"stringmap\" (\"stringmapid\", \"attributename\", \"attributevalue\", \"objecttypecode\", "
                            + "\"value\", \"versionnumber\", \"statecode\", \"statuscode\") VALUES (?, 'prioritycode', 4, "
                            + "'incident', 'Urgent', 1, 0, 1)",
                    stale);
        }

        try (ConfigurableApplicationContext second = start()) {
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            Map<String, Object> highAgain = jdbc.queryForMap(HIGH + "1");
            assertThat(highAgain.get("stringmapid")).isEqualTo(high.get("stringmapid"));
            assertThat(highAgain.get("value")).isEqualTo("High");
            assertThat(jdbc.queryForMap(HIGH + "3")).isEqualTo(low);
            assertThat(jdbc.queryForObject(
                            "SELECT COUNT(*) FROM \"stringmap\" WHERE \"stringmapid\" = ?", Integer.class, stale))
                    .isZero();
        }
    }
}
