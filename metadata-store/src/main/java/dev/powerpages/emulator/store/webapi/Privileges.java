package dev.powerpages.emulator.store.webapi;

import dev.powerpages.emulator.store.auth.ApplicationUsers;
import dev.powerpages.emulator.store.auth.ApplicationUsers.ApplicationUser;
import dev.powerpages.emulator.store.auth.ApplicationUsers.Privilege;
import dev.powerpages.emulator.store.schema.TableDefinition;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/** Checks the caller's application user's security role before each table operation, as Dataverse does. */
@Component
class Privileges {

    private final ApplicationUsers users;

    Privileges(ApplicationUsers users) {
        this.users = users;
    }

    ApplicationUser caller(Jwt token) {
        String clientId = token == null ? null : token.getClaimAsString("appid");
        return users.forClient(clientId).orElseThrow(() -> DataverseException.noApplicationUser(clientId));
    }

    void require(Jwt token, Privilege privilege, TableDefinition table) {
        ApplicationUser user = caller(token);
        if (!user.may(privilege, table.logicalName())) {
            throw DataverseException.missingPrivilege(
                    user.systemUserId(),
                    user.privilegeCount(),
                    privilege.privilegeName(table.logicalName()),
                    table.logicalName());
        }
    }
}
