// The failover runbook, run with the Azure SDK for JavaScript (written by others) against the emulator's
// resource-manager endpoint: list and read the demo profile, disable the primary endpoint, watch the site move to
// the secondary, enable it again and watch the site come back.
//
//   node traffic-manager-runbook.js <resource-manager url> <authority host> <site url>
//
// The emulator's CA must be trusted (NODE_EXTRA_CA_CERTS=.stack/tls/ca.pem). Prints "all N checks ok" and exits 0,
// or names the failed check and exits 1.
"use strict";

const { ClientSecretCredential } = require("@azure/identity");
const { TrafficManagerManagementClient } = require("@azure/arm-trafficmanager");

const [armUrl, authorityHost, siteUrl] = process.argv.slice(2);
const subscriptionId = "00000000-0000-0000-0000-000000000000";
const group = "emulator";
let checks = 0;

function check(condition, what) {
  if (!condition) {
    throw new Error("check failed: " + what);
  }
  checks++;
  console.log("ok - " + what);
}

async function regionServing() {
  try {
    const response = await fetch(siteUrl, { redirect: "manual" });
    return response.status === 200 ? response.headers.get("x-pp-region") : "status " + response.status;
  } catch (error) {
    return String(error);
  }
}

async function awaitRegion(region, seconds) {
  const deadline = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < deadline) {
    last = await regionServing();
    if (last === region) {
      return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  console.log("last answer: " + last);
  return false;
}

async function main() {
  const credential = new ClientSecretCredential("contoso", "emulator-operator", "emulator-secret", {
    authorityHost,
    disableInstanceDiscovery: true,
  });
  const client = new TrafficManagerManagementClient(credential, subscriptionId, {
    endpoint: armUrl,
    credentialScopes: ["https://management.azure.com/.default"],
  });

  const profiles = [];
  for await (const profile of client.profiles.listByResourceGroup(group)) {
    profiles.push(profile.name);
  }
  check(profiles.includes("contoso"), "the demo profile is listed in the resource group");

  const contoso = await client.profiles.get(group, "contoso");
  const names = contoso.endpoints.map((endpoint) => endpoint.name).sort();
  check(names.join(",") === "northeurope,westeurope", "it has the two regions' endpoints");
  check(contoso.dnsConfig.fqdn === "contoso.trafficmanager.net", "its DNS name is contoso.trafficmanager.net");
  check(await awaitRegion("northeurope", 30), "the site is served by northeurope");

  const disabled = await client.endpoints.update(group, "contoso", "ExternalEndpoints", "northeurope", {
    endpointStatus: "Disabled",
  });
  check(disabled.endpointStatus === "Disabled", "the primary endpoint is disabled");
  check(await awaitRegion("westeurope", 60), "the site moves to westeurope");

  const enabled = await client.endpoints.update(group, "contoso", "ExternalEndpoints", "northeurope", {
    endpointStatus: "Enabled",
  });
  check(enabled.endpointStatus === "Enabled", "the primary endpoint is enabled again");
  check(await awaitRegion("northeurope", 60), "the site comes back to northeurope");

  let refused;
  try {
    const reader = new ClientSecretCredential("contoso", "emulator-reader", "emulator-secret", {
      authorityHost,
      disableInstanceDiscovery: true,
    });
    await new TrafficManagerManagementClient(reader, subscriptionId, {
      endpoint: armUrl,
      credentialScopes: ["https://management.azure.com/.default"],
    }).endpoints.update(group, "contoso", "ExternalEndpoints", "northeurope", { endpointStatus: "Disabled" });
  } catch (error) {
    refused = error;
  }
  check(refused && refused.statusCode === 403 && refused.code === "AuthorizationFailed",
    "a reader's change is refused with AuthorizationFailed");

  console.log("all " + checks + " checks ok");
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : error);
  process.exit(1);
});
