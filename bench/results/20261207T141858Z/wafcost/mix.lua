-- The WAF cost mix (bench/parts/wafcost.sh): each connection takes the paths in turn.
local paths = {"/about/", "/?q=hello%20world", "/_api/accounts?$select=name&$filter=statecode%20eq%200&$top=5", }
local i = 0
request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end
