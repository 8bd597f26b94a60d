"use strict";
/*
 * Points DynamicsWebApi (npm "dynamics-web-api", a Dataverse Web API client by Aleksandr Rogov) at the
 * emulated metadata store and checks that it gets Dataverse's answers: a token by client credentials
 * from the store's Entra-shaped endpoint, then create, retrieve, query, count, update, upsert by
 * alternate key, $expand, server-driven paging, $batch, delete, and Dataverse's errors as the library
 * parses them.
 *
 * Usage: node dataverse-client-check.js <environment url> [token endpoint] [resource]
 *   environment url  e.g. http://localhost:8070/ or http://localhost:8070/fabrikam/ (keep the trailing
 *                    slash: the library resolves "api/data/v9.2" against it)
 *   token endpoint   default <origin>/contoso/oauth2/v2.0/token
 *   resource         the token's audience, default the environment url without its trailing slash
 * Client id and secret: DATAVERSE_CLIENT_ID / DATAVERSE_CLIENT_SECRET, default the emulator's well-known
 * powerpages-site / emulator-secret. Exits 1 on the first answer that differs from Dataverse's.
 */
const { DynamicsWebApi } = require("dynamics-web-api");

const [serverArg, tokenArg, resourceArg] = process.argv.slice(2);
if (!serverArg) {
    console.error("usage: node dataverse-client-check.js <environment url> [token endpoint] [resource]");
    process.exit(2);
}
const serverUrl = serverArg.endsWith("/") ? serverArg : serverArg + "/";
const tokenUrl = tokenArg || new URL("/contoso/oauth2/v2.0/token", serverUrl).toString();
const resource = resourceArg || serverUrl.replace(/\/+$/, "");
const clientId = process.env.DATAVERSE_CLIENT_ID || "powerpages-site";
const clientSecret = process.env.DATAVERSE_CLIENT_SECRET || "emulator-secret";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
let checks = 0;

function check(condition, what, actual) {
    checks++;
    if (!condition) {
        throw new Error(`MISMATCH: ${what}; got ${JSON.stringify(actual)}`);
    }
    console.log(`ok ${checks} - ${what}`);
}

/** Runs a call that must fail; answers the library's parsed error. */
async function failure(call) {
    try {
        const result = await call();
        return { unexpectedResult: result };
    } catch (error) {
        return error;
    }
}

async function acquireToken() {
    const response = await fetch(tokenUrl, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: clientId,
            client_secret: clientSecret,
            scope: `${resource}/.default`,
        }),
    });
    const body = await response.json();
    check(response.status === 200 && body.token_type === "Bearer" && typeof body.access_token === "string",
        `client credentials token from ${tokenUrl} for ${resource}/.default`, body);
    return body.access_token;
}

async function main() {
    const token = await acquireToken();
    const api = new DynamicsWebApi({
        serverUrl,
        dataApi: { version: "9.2" },
        onTokenRefresh: async () => token,
        // Errors of update/upsert/delete reach the caller instead of becoming false/null (the library's future default).
        propagateErrors: true,
    });
    const run = Date.now().toString(36);
    const prefix = `DWA-${run}`;

    const who = await api.callFunction("WhoAmI");
    check(GUID.test(who.UserId) && GUID.test(who.OrganizationId), "WhoAmI answers the application user and organization", who);

    // create: the library reads the new id from OData-EntityId
    const accountId = await api.create({ collection: "accounts", data: { name: "Adventure Works", accountnumber: `${prefix}-1`, revenue: 1000 } });
    check(GUID.test(accountId), "create returns the new account's id", accountId);

    // retrieve with $select
    const account = await api.retrieve({ collection: "accounts", key: accountId, select: ["name", "accountnumber", "revenue"] });
    check(account.name === "Adventure Works" && account.accountid === accountId && account.revenue === 1000,
        "retrieve with select returns the row", account);
    check(/^W\/"\d+"$/.test(account["@odata.etag"]), "the row carries its @odata.etag", account["@odata.etag"]);
    check(account.telephone1 === undefined, "select leaves other columns out", Object.keys(account));

    // more rows for queries and paging
    for (let i = 2; i <= 5; i++) {
        await api.create({ collection: "accounts", data: { name: `Account ${i} of ${run}`, accountnumber: `${prefix}-${i}` } });
    }
    const filter = `startswith(accountnumber,'${prefix}-')`;

    // retrieveMultiple: $filter, $orderby, $top, $count
    const top = await api.retrieveMultiple({ collection: "accounts", select: ["name", "accountnumber"], filter, orderBy: ["accountnumber desc"], top: 2, count: true });
    check(top.value.length === 2 && top.value[0].accountnumber === `${prefix}-5` && top.value[1].accountnumber === `${prefix}-4`,
        "retrieveMultiple with filter, orderBy desc and top", top.value);
    check(top.oDataCount === 5, "count=true counts every match, not just the top 2", top.oDataCount);

    // count(): with a filter through $count=true, without through /accounts/$count
    check(await api.count({ collection: "accounts", filter }) === 5, "count with a filter", null);
    const all = await api.count({ collection: "accounts" });
    check(typeof all === "number" && all >= 5, "count of the whole table (/accounts/$count)", all);

    // server-driven paging: one page shows the nextLink, retrieveAll follows it to the end
    const firstPage = await api.retrieveMultiple({ collection: "accounts", select: ["name"], filter, maxPageSize: 2 });
    check(firstPage.value.length === 2 && typeof firstPage.oDataNextLink === "string", "a page of maxPageSize 2 with an @odata.nextLink", firstPage);
    // Dataverse: send the same odata.maxpagesize with every request for a further page ("Page results").
    const secondPage = await api.retrieveMultiple({ collection: "accounts", maxPageSize: 2 }, firstPage.oDataNextLink);
    check(secondPage.value.length === 2, "the nextLink gives the next page", secondPage.value);
    const everything = await api.retrieveAll({ collection: "accounts", select: ["accountnumber"], filter, maxPageSize: 2 });
    const numbers = everything.value.map((row) => row.accountnumber).sort();
    check(numbers.length === 5 && new Set(numbers).size === 5, "retrieveAll pages through all 5 rows, none twice", numbers);

    // update (PATCH), then read it back
    await api.update({ collection: "accounts", key: accountId, data: { telephone1: "+1 555 0100" } });
    const updated = await api.retrieve({ collection: "accounts", key: accountId, select: ["telephone1"] });
    check(updated.telephone1 === "+1 555 0100", "update changes the row", updated);

    // optimistic concurrency: an update with a stale ETag fails with Dataverse's 412
    const stale = await failure(() => api.update({ collection: "accounts", key: accountId, data: { telephone1: "x" }, ifmatch: account["@odata.etag"] }));
    check(stale.status === 412 && stale.code === "0x80060882", "a stale If-Match answers 412 0x80060882", stale);

    // upsert by alternate key: creates, then updates the same row
    const upsertKey = `accountnumber='${prefix}-U'`;
    await api.upsert({ collection: "accounts", key: upsertKey, data: { name: "Upserted" } });
    const upserted = await api.retrieve({ collection: "accounts", key: upsertKey, select: ["name", "accountnumber"] });
    check(upserted.name === "Upserted" && upserted.accountnumber === `${prefix}-U`, "upsert by alternate key creates the row", upserted);
    await api.upsert({ collection: "accounts", key: upsertKey, data: { name: "Upserted again" } });
    const again = await api.retrieve({ collection: "accounts", key: upsertKey, select: ["name"] });
    check(again.name === "Upserted again" && again.accountid === upserted.accountid, "a second upsert updates that row", again);
    const noCreate = await failure(() => api.upsert({ collection: "accounts", key: upsertKey, data: { name: "x" }, ifnonematch: "*" }));
    check(noCreate.status === 412 && noCreate.code === "0x80040237", "upsert with If-None-Match: * on an existing row answers 412 0x80040237", noCreate);

    // $batch: a change set creating an account and its contact, bound by Content-ID
    api.startBatch();
    api.create({ collection: "accounts", contentId: "1", data: { name: "Batched account", accountnumber: `${prefix}-B` } });
    api.create({ collection: "contacts", data: { firstname: "Bea", lastname: "Batched", "parentcustomerid_account@odata.bind": "$1" } });
    const batched = await api.executeBatch();
    check(batched.length === 2 && GUID.test(batched[0]) && GUID.test(batched[1]), "executeBatch creates both rows in one change set", batched);

    // $expand of the collection-valued navigation property
    const withContacts = await api.retrieve({ collection: "accounts", key: batched[0], select: ["name"],
        expand: [{ property: "contact_customer_accounts", select: ["firstname", "lastname"] }] });
    const contacts = withContacts.contact_customer_accounts;
    check(Array.isArray(contacts) && contacts.length === 1 && contacts[0].lastname === "Batched" && contacts[0].contactid === batched[1],
        "expand lists the account's contacts", withContacts);

    // delete, then Dataverse's errors as the library parses them
    await api.deleteRecord({ collection: "contacts", key: batched[1] });
    await api.deleteRecord({ collection: "accounts", key: accountId });
    const gone = await failure(() => api.retrieve({ collection: "accounts", key: accountId }));
    check(gone.status === 404 && gone.code === "0x80040217" && /Does Not Exist/.test(gone.message),
        "a deleted row answers 404 0x80040217 with Dataverse's message", gone);
    const noKey = await failure(() => api.retrieve({ collection: "accounts", key: `accountnumber='${prefix}-none'` }));
    check(noKey.status === 404 && noKey.code === "0x80060891", "an unknown alternate key answers 404 0x80060891", noKey);
    const noSet = await failure(() => api.retrieveMultiple({ collection: "nothings" }));
    check(noSet.status === 404 && noSet.code === "0x8006088a", "an unknown entity set answers 404 0x8006088a", noSet);
    const badPayload = await failure(() => api.create({ collection: "accounts", data: { nosuchcolumn: 1 } }));
    check(badPayload.status === 400 && badPayload.code === "0x80048d19", "an unknown column answers 400 0x80048d19", badPayload);
    const badQuery = await failure(() => api.retrieveMultiple({ collection: "accounts", filter: "name eq" }));
    check(badQuery.status === 400 && badQuery.code === "0x80060888", "a malformed filter answers 400 0x80060888", badQuery);

    // clean up what is left, so the check can run again against the same store
    for (const row of everything.value.filter((r) => r.accountid !== accountId)) {
        await api.deleteRecord({ collection: "accounts", key: row.accountid });
    }
    await api.deleteRecord({ collection: "accounts", key: upserted.accountid });
    await api.deleteRecord({ collection: "accounts", key: batched[0] });
    check(await api.count({ collection: "accounts", filter }) === 0, "every row of this run is deleted", null);

    console.log(`DynamicsWebApi against ${serverUrl}: all ${checks} checks ok`);
}

main().catch((error) => {
    console.error(error && error.stack ? error.stack : error);
    if (error && error.status) {
        console.error("Dataverse error as DynamicsWebApi parsed it:", JSON.stringify({ status: error.status, code: error.code, message: error.message }));
    }
    console.error(`DynamicsWebApi against ${serverUrl}: stopped after ${checks} checks`);
    process.exit(1);
});
