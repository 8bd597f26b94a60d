package dev.powerpages.emulator.gateway.waf;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * @param preset the policy used when no policy file exists yet (PowerPages or Full)
 * @param policyFile where the policy is kept across restarts
 * @param inspectedBodySize how much of a body the managed rules read (Front Door: the first 128 KB)
 * @param maxBodySize larger bodies get 413 while the WAF inspects bodies
 * @param maxUrlLength longer request targets get 414 (Front Door: 8 KB URLs)
 * @param maxHeaderSize larger header sections get 431 (Front Door: 32 KB of headers)
 * @param logCapacity how many matches GET /_edge/admin/waf/logs keeps
 * @param geoIp IP range to ISO country code, for GeoMatch
 */
@ConfigurationProperties("gateway.waf")
public record WafProperties(WafPreset preset, Path policyFile, DataSize inspectedBodySize, DataSize maxBodySize,
		int maxUrlLength, DataSize maxHeaderSize, int logCapacity, Map<String, String> geoIp) {

	public WafProperties {
		geoIp = geoIp == null ? Map.of() : geoIp;
	}

}
