package dev.powerpages.emulator.appnode.signin;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Local sign-in of the site's visitors (contacts).
 *
 * @param cookieName the session cookie (Power Pages' ASP.NET application cookie name by default)
 * @param cookieSecret key of the cookie's HMAC signature; the same on every node so a signed-in visitor stays signed
 *        in when the traffic fails over to the paired region (as Power Pages' nodes share their data-protection keys)
 * @param sessionLifetime how long a sign-in lasts (Power Pages' {@code Authentication/ApplicationCookie/ExpireTimeSpan}
 *        defaults to 24 hours)
 * @param userCacheMaxAge a signed-in contact's name, e-mail and web roles are re-read from the store this often
 */
@ConfigurationProperties("signin")
public record SignInProperties(
        String cookieName, String cookieSecret, Duration sessionLifetime, Duration userCacheMaxAge) {}
