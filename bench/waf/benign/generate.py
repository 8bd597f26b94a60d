#!/usr/bin/env python3
"""Writes powerpages-benign.jsonl: requests a Power Pages site receives in ordinary use (page and
web-file GETs, search terms with quotes and SQL words, Web API /_api OData queries with $filter,
$select, $expand and $orderby, form posts from basic/multistep forms, rich-text (CKEditor) HTML
in notes, JSON Web API writes, sign-in posts). No request here is an attack: any that the WAF
blocks is a false positive. Deterministic: the file is committed and reviewed, this script only
saves typing."""
import json, urllib.parse as up

UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'
COOKIE = 'ARRAffinity=3f2a9c; .AspNet.ApplicationCookie=CfDJ8Nq0x_Zz-9Kd1; Dynamics365PortalAnalytics=Yk8Q2; ContextLanguageCode=en-US; timezoneoffset=-60'
out = []

def add(method, uri, body=None, ctype=None, extra=None):
    h = {'Host': 'contoso.powerappsportals.com', 'User-Agent': UA, 'Accept': 'text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8',
         'Accept-Language': 'en-US,en;q=0.9', 'Cookie': COOKIE, 'Referer': 'https://contoso.powerappsportals.com/'}
    if ctype: h['Content-Type'] = ctype
    if extra: h.update(extra)
    out.append({'method': method, 'uri': uri, 'headers': h, 'body': body or ''})

for p in ['/', '/about/', '/contact-us/', '/knowledgebase/', '/knowledgebase/article/?id=KA-01032', '/events/?page=2&pageSize=10',
          '/css/site.css', '/js/site.js', '/images/logo.png', '/_resources/bootstrap.min.css', '/profile/', '/support/cases/',
          '/SignIn?returnUrl=%2Fsupport%2F', '/en-US/blogs/news/2024/05/contoso-launches-new-portal/', '/forums/general/',
          '/_services/about', '/search/?q=', '/page-not-found/', '/products/?category=Outdoor%20%26%20Garden&sort=price-asc',
          '/_layout/tokenhtml', '/favicon.ico', '/robots.txt', '/sitemap.xml', '/events/register/?eventid=7c1f0c2e-5b8a-ee11-be36-000d3a8b1234']:
    add('GET', p)

searches = ["O'Reilly", "O'Brien & Sons", "\"exact phrase\" support", "select a plan", "drop-off locations", "union membership",
            "insert coin", "update my address", "delete my account", "where is my order?", "order by phone", "table for two",
            "from London to Dublin", "1 or 2 bedrooms", "rock 'n' roll", "can't sign in", "what's new", "it's -- great",
            "C# and .NET", "50% off", "price < 100", "a & b", "email john.doe+test@contoso.com", "Q&A forum",
            "how to: reset password", "case #12345", "invoice 2024-05-01", "don't select all", "Power Pages' WAF",
            "\"Contoso Ltd.\"", "schools in Ireland", "script writing course", "javascript tutorial", "alert settings",
            "cmd line tools", "etc.", "../ parent folder meaning", "null values in reports", "true or false quiz",
            "join our team", "group by region report", "exec summary", "declare a dependant", "sleep apnea clinic",
            "benchmark results 2024", "user guide", "version history", "char limit", "select * from menu (joke)"]
for s in searches:
    add('GET', '/search/?q=' + up.quote(s) + '&logicalNames=knowledgearticle,adx_webpage')
    add('GET', '/knowledgebase/search/?query=' + up.quote_plus(s))

odata = ["$select=fullname,emailaddress1&$filter=statecode eq 0&$top=10",
         "$filter=contains(fullname,'O''Brien')",
         "$filter=startswith(name,'Contoso') and statecode eq 0&$orderby=createdon desc",
         "$filter=createdon ge 2024-01-01T00:00:00Z and createdon le 2024-12-31T23:59:59Z",
         "$select=title,ticketnumber&$expand=customerid_account($select=name)&$filter=prioritycode eq 1 or prioritycode eq 2",
         "$filter=(statuscode eq 1) and (casetypecode ne 3)",
         "$filter=_parentcustomerid_value eq 7c1f0c2e-5b8a-ee11-be36-000d3a8b1234",
         "$apply=groupby((statuscode),aggregate($count as count))",
         "$filter=Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=30)",
         "$filter=emailaddress1 eq 'jane@contoso.com'&$count=true",
         "$orderby=name asc&$top=50&$skiptoken=%3Ccookie%20pagenumber=%222%22%20/%3E",
         "$filter=not contains(subject,'test')",
         "$select=name&$filter=revenue gt 1000000 and numberofemployees lt 500",
         "fetchXml=" + up.quote('<fetch top="5"><entity name="account"><attribute name="name"/><order attribute="name"/></entity></fetch>')]
for ent in ['contacts', 'accounts', 'incidents', 'adx_webpages', 'knowledgearticles']:
    for q in odata[:8] if ent != 'contacts' else odata:
        add('GET', '/_api/' + ent + '?' + up.quote(q, safe="=&$,()'"), extra={'Accept': 'application/json', '__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC'})

forms = [{'firstname': "Seán", 'lastname': "O'Connor", 'emailaddress1': 'sean.oconnor@contoso.ie', 'telephone1': '+353 1 555 0100',
          'description': "Hi, I'd like to update my address from 1 Main St. to 2 Main St. -- thanks!"},
         {'title': 'Cannot select a date', 'description': 'When I select the date and click "Submit", nothing happens. Is it a bug or is it by design?',
          'prioritycode': '2', 'casetypecode': '1'},
         {'subject': 'Order #1234 - wrong item', 'message': "I ordered 2 chairs and 1 table; got 1 chair. Please refund 50% or send the rest."},
         {'feedback': 'Great site! 5/5. The "Where is my order?" page could be clearer, e.g. show status = shipped.', 'rating': '5'},
         {'question': 'Can I use SQL Server or only Dataverse? Also: does "union" pricing apply?', 'name': 'Ana'},
         {'comment': 'See https://learn.microsoft.com/en-us/power-pages/ for details (section 3.1).'},
         {'address1_line1': '10 Downing St', 'address1_city': 'London', 'address1_postalcode': 'SW1A 2AA', 'address1_country': 'United Kingdom'},
         {'__EVENTTARGET': '', '__EVENTARGUMENT': '', '__VIEWSTATE': '/wEPDwUKLTM0NzY1NzQ3MA9kFgJmD2QWAgIDD2QWAgIBDxYCHgdWaXNpYmxlaGRkZA==',
          '__VIEWSTATEGENERATOR': 'CA0B0334', 'ctl00$ContentContainer$EntityFormControl$InsertButton': 'Submit'},
         {'Username': 'jane.doe@contoso.com', 'PasswordValue': "P@ss'w0rd!--#1", 'RememberMe': 'true', 'ReturnUrl': '/support/'},
         {'search': "Smith's \"garden\" tools & more", 'filter': 'category eq Outdoor'}]
for f in forms:
    for path in ['/contact-us/', '/support/create-case/', '/feedback/']:
        add('POST', path, up.urlencode(f), 'application/x-www-form-urlencoded', {'__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC'})

rich = ['<p>Hello <strong>team</strong>,</p><p>Please see the <a href="https://contoso.com/docs">docs</a>.</p>',
        '<h2>Release notes</h2><ul><li>Fixed login</li><li>Added <em>dark mode</em></li></ul>',
        '<p style="text-align:center;"><span style="color:#e74c3c;">Important:</span> maintenance on Friday.</p>',
        '<p><img alt="Logo" src="/images/logo.png" width="120" height="40"></p>',
        '<blockquote><p>To be, or not to be, that is the question.</p></blockquote><p>-- Shakespeare</p>',
        '<table border="1"><tbody><tr><td>Q1</td><td>100</td></tr><tr><td>Q2</td><td>120</td></tr></tbody></table>',
        '<p>Code sample: <code>SELECT name FROM accounts</code> returns all names.</p>',
        '<ol><li>Open <a href="/profile/">Profile</a></li><li>Select &quot;Edit&quot;</li><li>Save &amp; close</li></ol>',
        '<p>Price &lt; 100 &amp;&amp; stock &gt; 0</p>',
        '<p><span style="font-size:18px;"><strong>Welcome</strong></span> to the <a href="https://contoso.powerappsportals.com/events/" target="_blank" rel="noopener">events</a> page.</p>']
for r in rich:
    add('POST', '/_api/annotations', json.dumps({'subject': 'Note', 'notetext': r, 'objectid_incident@odata.bind': '/incidents(7c1f0c2e-5b8a-ee11-be36-000d3a8b1234)'}),
        'application/json', {'__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC', 'Accept': 'application/json'})
    add('POST', '/forums/general/new-post/', up.urlencode({'title': 'Update', 'content': r}), 'application/x-www-form-urlencoded')

api = [{'firstname': 'Jane', 'lastname': "D'Arcy", 'emailaddress1': 'jane@contoso.com'},
       {'title': 'Printer not working', 'description': "It says 'error 0x80070005' when I select print; I've tried update and restart."},
       {'name': 'Contoso (Europe) Ltd.', 'websiteurl': 'https://contoso.eu', 'revenue': 1500000},
       {'subject': 'Re: where do I find my invoice?', 'description': 'From the menu select Invoices, then order by date.'},
       {'adx_name': 'Q&A', 'adx_copy': '<p>Ask us anything!</p>', 'adx_partialurl': 'q-and-a'}]
for a in api:
    for ent in ['contacts', 'incidents', 'accounts']:
        add('POST', '/_api/' + ent, json.dumps(a), 'application/json', {'__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC'})
        add('PATCH', '/_api/' + ent + '(7c1f0c2e-5b8a-ee11-be36-000d3a8b1234)', json.dumps(a), 'application/json',
            {'__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC', 'If-Match': '*'})

with open('powerpages-benign.jsonl', 'w') as fh:
    for r in out:
        fh.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(out))
