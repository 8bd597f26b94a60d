package dev.powerpages.emulator.store.auth;

import dev.powerpages.emulator.store.StoreProperties;
import dev.powerpages.emulator.store.data.RowStore;
import dev.powerpages.emulator.store.environment.DataverseEnvironment;
import dev.powerpages.emulator.store.environment.EnvironmentPreparation;
import dev.powerpages.emulator.store.environment.EnvironmentSchemas;
import dev.powerpages.emulator.store.schema.TableDefinition;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The application users: as in Dataverse, a client may only call the Web API through a
 * {@code systemuser} row bound to its application id, holding a security role. One such row is kept
 * per configured client (created at start-up when missing), with a stable id.
 */
@Component
@Order(EnvironmentPreparation.APPLICATION_USERS)
public class ApplicationUsers implements EnvironmentPreparation {

    /** Dataverse's access mode of application users: 4, Non-interactive. */
    private static final int NON_INTERACTIVE = 4;

    private final StoreProperties properties;
    private final EnvironmentSchemas schemas;
    private final RowStore rows;
    private final Map<String, ApplicationUser> byClientId = new LinkedHashMap<>();

    ApplicationUsers(StoreProperties properties, EnvironmentSchemas schemas, RowStore rows) {
        this.properties = properties;
        this.schemas = schemas;
        this.rows = rows;
        Map<String, StoreProperties.SecurityRole> roles = new LinkedHashMap<>();
        properties.securityRoles().forEach(role -> roles.put(role.name(), role));
        for (StoreProperties.Client client : properties.clients()) {
            if (client.role() == null || client.role().isBlank()) {
                continue; // an application of the tenant that was never added to the environment
            }
            StoreProperties.SecurityRole role = roles.get(client.role());
            if (role == null) {
                throw new IllegalStateException("Client " + client.clientId() + " holds security role '" + client.role()
                        + "', which store.security-roles does not define");
            }
            byClientId.put(
                    client.clientId(),
                    new ApplicationUser(
                            nameBased("systemuser:" + properties.tenantId() + ":" + client.clientId()),
                            client.clientId(),
                            nameBased("application:" + client.clientId()),
                            ServicePrincipals.objectId(properties.tenantId(), client),
                            role));
        }
    }

    /** The application user of a client id (the token's {@code appid}). */
    public Optional<ApplicationUser> forClient(String clientId) {
        return Optional.ofNullable(clientId).map(byClientId::get);
    }

    @Override
    public void prepare(DataverseEnvironment environment) {
        createMissingUsers();
    }

    /** Creates the missing application users in the current environment's database (each environment has its own). */
    public void createMissingUsers() {
        Optional<TableDefinition> systemUsers = schemas.current().table("systemuser");
        if (systemUsers.isEmpty()) {
            return; // a schema without systemuser: privileges still apply, there is just no row to show
        }
        for (ApplicationUser user : byClientId.values()) {
            if (!rows.exists(systemUsers.get(), user.systemUserId())) {
                Map<String, Object> values = new LinkedHashMap<>();
                // Dataverse shows application users as "# <app name>".
                values.put("fullname", "# " + user.clientId());
                values.put("domainname", user.clientId() + "@" + properties.tenantId());
                values.put("applicationid", user.applicationId());
                values.put("azureactivedirectoryobjectid", user.objectId());
                values.put("isdisabled", false);
                values.put("accessmode", NON_INTERACTIVE);
                rows.insert(systemUsers.get(), user.systemUserId(), values);
            }
        }
    }

    private static UUID nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param systemUserId  the systemuser row's id, which WhoAmI answers as UserId
     * @param clientId      the application (client) id of the token
     * @param applicationId the systemuser's applicationid
     * @param objectId      the service principal's object id (the token's oid)
     * @param role          its security role
     */
    public record ApplicationUser(
            UUID systemUserId, String clientId, UUID applicationId, UUID objectId, StoreProperties.SecurityRole role) {

        public boolean may(Privilege privilege, String table) {
            return switch (privilege) {
                case CREATE -> grants(role.create(), table);
                case READ -> grants(role.read(), table);
                case WRITE -> grants(role.write(), table);
                case DELETE -> grants(role.delete(), table);
            };
        }

        public int privilegeCount() {
            return role.create().size()
                    + role.read().size()
                    + role.write().size()
                    + role.delete().size();
        }

        private static boolean grants(java.util.List<String> tables, String table) {
            return tables.contains("*") || tables.contains(table);
        }
    }

    /** The table privileges the store enforces (Dataverse's prvCreate/prvRead/prvWrite/prvDelete). */
    public enum Privilege {
        CREATE("Create"),
        READ("Read"),
        WRITE("Write"),
        DELETE("Delete");

        private final String verb;

        Privilege(String verb) {
            this.verb = verb;
        }

        /** The privilege's name as Dataverse spells it in errors, e.g. {@code prvCreateaccount}. */
        public String privilegeName(String table) {
            return "prv" + verb + table;
        }
    }
}
