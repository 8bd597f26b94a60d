package dev.powerpages.emulator.appnode.signin;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.powerpages.emulator.appnode.store.StoreClient;
import dev.powerpages.emulator.appnode.store.StoreRow;
import dev.powerpages.emulator.appnode.store.StoreUnavailableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The site's users are contacts in the store, as in Power Pages. Reads a contact by user name to check a password,
 * and by id (cached, {@code cache="site-users"}) for every request of a signed-in visitor. A cached contact is
 * refreshed after {@code signin.user-cache-max-age}; if the store cannot answer then, the visitor keeps the last
 * known name and roles (Caffeine keeps the old value when a refresh fails).
 */
@Component
public class SiteUsers {

    private final StoreClient store;
    private final LoadingCache<String, Optional<SiteUser>> byId;

    SiteUsers(StoreClient store, SignInProperties properties, MeterRegistry meters) {
        this.store = store;
        this.byId = Caffeine.newBuilder()
                .maximumSize(10_000)
                .refreshAfterWrite(properties.userCacheMaxAge())
                .expireAfterWrite(properties.sessionLifetime())
                .recordStats()
                .build(this::load);
        CaffeineCacheMetrics.monitor(meters, byId, "site-users");
    }

    /**
     * The contact whose user name and password these are, if it may sign in ({@code adx_identity_logonenabled}).
     *
     * @throws StoreUnavailableException when the store cannot be asked
     */
    public Optional<SiteUser> authenticate(String username, String password) {
        if (username == null || username.isBlank() || username.length() > 256 || password == null) {
            return Optional.empty();
        }
        List<StoreRow> rows;
        try {
            rows = store.list(
                    "contacts",
                    null,
                    "adx_identity_username eq '" + username.strip().replace("'", "''") + "'");
        } catch (HttpClientErrorException ex) {
            return Optional.empty(); // a store without the sign-in columns has no users
        }
        for (StoreRow row : rows) {
            if (row.active()
                    && row.flag("adx_identity_logonenabled", false)
                    && PasswordHasher.verify(row.text("adx_identity_passwordhash"), password)) {
                SiteUser user = user(row);
                byId.put(user.contactId(), Optional.of(user));
                return Optional.of(user);
            }
        }
        return Optional.empty();
    }

    /** The signed-in contact; empty when it no longer exists (or may no longer sign in). */
    public Optional<SiteUser> byId(String contactId) {
        return byId.get(contactId.toLowerCase(java.util.Locale.ROOT));
    }

    /** "Clear cache": names and roles are read again on the next request. */
    public void clear() {
        byId.invalidateAll();
    }

    private Optional<SiteUser> load(String contactId) {
        List<StoreRow> rows;
        try {
            // Every column: the Liquid user object shows them all (but the password hash, see SiteUser).
            rows = store.list("contacts", null, "contactid eq " + contactId);
        } catch (HttpClientErrorException ex) {
            return Optional.empty();
        }
        return rows.stream()
                .filter(StoreRow::active)
                .filter(row -> row.flag("adx_identity_logonenabled", false))
                .findFirst()
                .map(this::user);
    }

    private SiteUser user(StoreRow contact) {
        String contactId = contact.text("contactid").toLowerCase(java.util.Locale.ROOT);
        List<String> roles;
        try {
            // Power Pages' N:N adx_webrole_contact; a store without the table assigns no roles.
            roles =
                    store
                            .list("adx_webrole_contactset", "_adx_webroleid_value", "_contactid_value eq " + contactId)
                            .stream()
                            .filter(StoreRow::active)
                            .map(row -> row.text("_adx_webroleid_value"))
                            .filter(java.util.Objects::nonNull)
                            .toList();
        } catch (HttpClientErrorException ex) {
            roles = List.of();
        }
        tools.jackson.databind.node.ObjectNode columns =
                tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        contact.json().properties().forEach(column -> {
            if (!column.getKey().equalsIgnoreCase(SiteUser.PASSWORD_HASH)) {
                columns.set(column.getKey(), column.getValue());
            }
        });
        return new SiteUser(
                contactId,
                contact.text("adx_identity_username"),
                contact.text("firstname"),
                contact.text("lastname"),
                contact.text("fullname"),
                contact.text("emailaddress1"),
                roles,
                new StoreRow(columns));
    }
}
