package dev.powerpages.emulator.gateway.cdn;

import java.util.List;

/**
 * The CDN settings a site administrator changes at run time through {@code /_edge/admin/cdn}.
 *
 * @param enabled whether the CDN caches at all (Power Pages: off until an administrator enables it)
 * @param cachingRule which responses may be kept
 * @param queryStringCachingBehavior how the query string takes part in the cache key
 * @param queryParameters the parameters the {@code *SpecifiedQueryStrings} behaviours name
 * @param fileExtensions the static file extensions the Power Pages rule caches; null to use the
 * site setting {@code ContentDeliveryNetwork/FileExtensions}, or the default list
 * @param compression whether stored responses are compressed for clients that accept it
 */
public record CdnSettings(
        boolean enabled,
        CachingRule cachingRule,
        QueryStringCachingBehavior queryStringCachingBehavior,
        List<String> queryParameters,
        List<String> fileExtensions,
        boolean compression) {

    public CdnSettings {
        queryParameters = queryParameters == null ? List.of() : List.copyOf(queryParameters);
        fileExtensions = fileExtensions == null
                ? null
                : fileExtensions.stream().map(FileExtensions::normalize).toList();
    }

    static CdnSettings initial(CdnProperties properties) {
        return new CdnSettings(
                properties.enabled(),
                properties.cachingRule(),
                properties.queryStringCachingBehavior(),
                List.of(),
                null,
                properties.compression().enabled());
    }
}
