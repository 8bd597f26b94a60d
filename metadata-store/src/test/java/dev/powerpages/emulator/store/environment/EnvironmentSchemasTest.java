package dev.powerpages.emulator.store.environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.schema.StoreSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.DefaultResourceLoader;

/** Loading each environment's tables: the shared schema plus its own files, checked at start-up. */
class EnvironmentSchemasTest {

    private static final StoreProperties STORE =
            new StoreProperties(null, null, true, null, null, null, null, null, null);

    @TempDir
    Path directory;

    @Test
    void anExtraTablesFileOnDiskAddsItsTablesToItsEnvironmentOnly() throws IOException {
        Path file = write("fabrikam.yaml", """
                tables:
                  - logicalName: cr123_project
                    entitySetName: cr123_projects
                    columns:
                      - { name: cr123_name, type: string }
                      - { name: cr123_contactid, type: lookup, target: contact }
                """);
        Environments environments = environments("file:" + file);
        CurrentEnvironment current = new CurrentEnvironment(environments);

        EnvironmentSchemas schemas = new EnvironmentSchemas(environments, current, STORE, new DefaultResourceLoader());

        DataverseEnvironment fabrikam = environments.byName("fabrikam").orElseThrow();
        StoreSchema fabrikamTables = schemas.of(fabrikam);
        assertThat(fabrikamTables.entitySet("cr123_projects")).isPresent();
        assertThat(fabrikamTables.entitySet("accounts")).isPresent();
        // The shared table it looks up gains the relationship there, and only there.
        assertThat(fabrikamTables.oneToMany(
                        fabrikamTables.requireTable("contact"), "contact_cr123_project_cr123_contactid"))
                .isPresent();
        StoreSchema contosoTables = schemas.of(environments.defaultEnvironment());
        assertThat(contosoTables.entitySet("cr123_projects")).isEmpty();
        assertThat(contosoTables.oneToMany(
                        contosoTables.requireTable("contact"), "contact_cr123_project_cr123_contactid"))
                .isEmpty();
        // What the Web API sees follows the environment bound to the thread.
        assertThat(schemas.current().entitySet("cr123_projects")).isEmpty();
        assertThat(current.callIn(fabrikam, () -> schemas.current().entitySet("cr123_projects")))
                .isPresent();
        assertThat(current.callIn(fabrikam, () -> schemas.currentMetadata().xml()))
                .contains("EntitySet Name=\"cr123_projects\"");
        assertThat(schemas.currentMetadata().xml()).doesNotContain("cr123_projects");
    }

    @Test
    void anExtraTableMayNotRedefineASharedOne() throws IOException {
        Path file = write("fabrikam.yaml", """
                tables:
                  - logicalName: account
                    entitySetName: accounts
                    columns:
                      - { name: cr123_rating, type: integer }
                """);
        Environments environments = environments("file:" + file);

        assertThatThrownBy(() -> new EnvironmentSchemas(
                        environments, new CurrentEnvironment(environments), STORE, new DefaultResourceLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Environment fabrikam")
                .hasMessageContaining(file.toString())
                .hasMessageContaining("table account (entity set accounts) is one of the shared schema's");
    }

    @Test
    void extraTablesInTwoFilesMayNotShareAnEntitySet() throws IOException {
        String table = """
                tables:
                  - logicalName: %s
                    entitySetName: cr123_projects
                """;
        Path first = write("first.yaml", table.formatted("cr123_project"));
        Path second = write("second.yaml", table.formatted("cr123_plan"));
        Environments environments = environments("file:" + first + ",file:" + second);

        assertThatThrownBy(() -> new EnvironmentSchemas(
                        environments, new CurrentEnvironment(environments), STORE, new DefaultResourceLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Environment fabrikam")
                .hasMessageContaining("Entity set cr123_projects of table cr123_plan");
    }

    @Test
    void aLookupToATableOfNoSchemaStopsTheStore() throws IOException {
        Path file = write("fabrikam.yaml", """
                tables:
                  - logicalName: cr123_project
                    entitySetName: cr123_projects
                    columns:
                      - { name: cr123_ownerid, type: lookup, target: cr123_person }
                """);
        Environments environments = environments("file:" + file);

        assertThatThrownBy(() -> new EnvironmentSchemas(
                        environments, new CurrentEnvironment(environments), STORE, new DefaultResourceLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Environment fabrikam")
                .hasMessageContaining("targets unknown table cr123_person");
    }

    @Test
    void aMissingExtraTablesFileStopsTheStore() {
        Path missing = directory.resolve("missing.yaml");
        Environments environments = environments("file:" + missing);

        assertThatThrownBy(() -> new EnvironmentSchemas(
                        environments, new CurrentEnvironment(environments), STORE, new DefaultResourceLoader()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Environment fabrikam: cannot use extra-tables file:" + missing);
    }

    /** contoso (default, shared tables only) and fabrikam with these extra-tables locations (comma-separated). */
    private static Environments environments(String fabrikamExtraTables) {
        EnvironmentsProperties properties = new EnvironmentsProperties(
                "contoso",
                List.of(
                        new EnvironmentsProperties.EnvironmentSettings("contoso", null, null, null, true, null, null),
                        new EnvironmentsProperties.EnvironmentSettings(
                                "fabrikam", null, null, null, false, null, List.of(fabrikamExtraTables.split(",")))));
        return new Environments(properties, STORE);
    }

    private Path write(String name, String yaml) throws IOException {
        return Files.writeString(directory.resolve(name), yaml);
    }
}
