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


# Second batch (one request each, nothing repeated): the harder corners of the same traffic.
# Search terms people really type into a portal's search box or knowledge base.
more_searches = ["how to select multiple files", "union square store opening hours", "insert image into email signature",
                 "update: new opening hours", "remove from favourites", "create account -- error 500", "order by date not working",
                 "password reset \"link expired\"", "can't log in; it says 'invalid grant'", "C:\\Program Files\\Contoso\\app.exe",
                 "O'Neill's pub menu", "script error on checkout page", "<3 this product", "50/50 raffle rules", "2+2 offer",
                 "@contoso support twitter", "#MondayMotivation", "price >= 100 and <= 200", "wait for delivery slot",
                 "sleep mode settings", "=SUM(A1:A10) not adding up", "if else in liquid template", "javascript disabled warning",
                 "java update 8", "python or r course", "cat food allergy", "ping pong table", "bash party ideas",
                 "where's my refund?", "rock & roll hall of fame tickets", "\"terms and conditions\" pdf", "1/2 price sale",
                 "user's guide (v2)", "first-time user", "e-mail not received", "ISO 9001:2015 certificate", "AT&T coverage",
                 "100% cotton", "½ price", "Müller & Söhne GmbH", "café opening times", "naïve bayes tutorial",
                 "what does \"delete\" do", "table of contents", "from scratch recipes", "null pointer exception fix",
                 "drop down list missing", "dbo schema", "exec committee minutes", "select committee report 2024",
                 "=IF(A1>10,\"high\",\"low\") formula help"]
for s in more_searches:
    add('GET', '/search/?q=' + up.quote(s) + '&logicalNames=knowledgearticle,adx_webpage')

# Web API (/_api) reads as Power Pages' own scripts and makers write them.
more_odata = [("accounts", "$select=name,accountnumber&$filter=contains(name,'select')"),
              ("contacts", "$filter=lastname eq 'O''Neill' or lastname eq 'D''Arcy'"),
              ("contacts", "$filter=contains(fullname,'Müller') and statecode eq 0&$orderby=lastname asc,firstname asc"),
              ("accounts", "$select=name&$expand=primarycontactid($select=fullname;$filter=statecode eq 0)"),
              ("accounts", "$filter=contact_customer_accounts/any(c:c/fullname eq 'Ann Smith')"),
              ("incidents", "$filter=not (statecode eq 1) and prioritycode ne null"),
              ("incidents", "$filter=Microsoft.Dynamics.CRM.In(PropertyName='statuscode',PropertyValues=['1','2','3'])"),
              ("incidents", "$select=title&$filter=endswith(title,'--urgent')&$top=5"),
              ("knowledgearticles", "$select=title,articlepublicnumber&$filter=contains(content,'union') and isinternal eq false"),
              ("adx_webpages", "$select=adx_name,adx_partialurl&$filter=adx_partialurl eq '/' or adx_partialurl eq 'about'"),
              ("accounts", "$count=true&$top=0"),
              ("contacts", "$filter=createdon gt 2024-05-01 and emailaddress1 ne null&$select=contactid"),
              ("accounts", "$filter=revenue ge 1000 and revenue le 50000 or numberofemployees eq 10&$orderby=revenue desc"),
              ("incidents", "$apply=filter(statecode eq 0)/groupby((prioritycode),aggregate($count as total))"),
              ("contacts", "fetchXml=" + up.quote('<fetch><entity name="contact"><attribute name="fullname"/><filter type="and"><condition attribute="lastname" operator="like" value="%smith%"/></filter></entity></fetch>'))]
for ent, q in more_odata:
    add('GET', '/_api/' + ent + '?' + up.quote(q, safe="=&$,()'/:"), extra={'Accept': 'application/json', '__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC'})

# Rich text from the editors (CKEditor in notes, forums, blog comments; the design studio's copy).
more_rich = ['<p>Watch the <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ&amp;t=42s" target="_blank">intro video</a>.</p>',
             '<p style="margin-left:40px;"><span style="font-family:Arial,Helvetica,sans-serif;"><span style="font-size:14px;">Indented text</span></span></p>',
             '<figure class="table"><table><thead><tr><th>Plan</th><th>Price</th></tr></thead><tbody><tr><td>Basic</td><td>&euro;10</td></tr></tbody></table></figure>',
             '<p>Steps:</p><ol><li>Go to <strong>Settings &gt; Security</strong></li><li>Select <em>Reset</em> and confirm</li></ol>',
             '<p>Hi all,</p><p>I get &quot;Access denied&quot; when I select a record and click Delete. Any ideas?</p><p>Thanks,<br>Maria</p>',
             '<pre><code>{% for item in entities.account %}{{ item.name }}{% endfor %}</code></pre><p>This Liquid loop shows nothing, why?</p>',
             '<p>Use <code>{{ user.fullname | escape }}</code> in the header template.</p>',
             '<h3 id="faq">FAQ</h3><p><a href="#faq">Back to top</a> | <a href="mailto:support@contoso.com?subject=Help">Email us</a></p>',
             '<p><img src="/images/team-photo.jpg" alt="The team at the 2024 offsite" style="width:100%;height:auto;"></p>',
             '<p>Formula: <code>=IF(A1&gt;10,&quot;high&quot;,&quot;low&quot;)</code></p>',
             '<p><span style="color:rgb(0,120,212);background-color:transparent;">Blue heading</span></p>',
             '<p>Where do I find the option to &quot;select all&quot; and then &quot;delete from list&quot;?</p>',
             '<ul><li>Drop-off: 9am</li><li>Pick-up: 5pm</li></ul><p>Please don&#39;t be late!</p>',
             '<p>Our address: 1 Main St., Dublin 2 &ndash; open Mon&ndash;Fri.</p><hr><p><small>&copy; Contoso 2024</small></p>',
             '<blockquote>Can I use SQL in the portal?</blockquote><p>Not directly; use FetchXML or the Web API.</p>']
for n, r in enumerate(more_rich):
    if n % 2 == 0:
        add('POST', '/_api/annotations', json.dumps({'subject': 'Note', 'notetext': r, 'objectid_incident@odata.bind': '/incidents(7c1f0c2e-5b8a-ee11-be36-000d3a8b1234)'}),
            'application/json', {'__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC', 'Accept': 'application/json'})
    else:
        add('POST', '/forums/general/new-post/', up.urlencode({'title': 'Question', 'content': r}), 'application/x-www-form-urlencoded',
            {'__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC'})

# Form posts: a multistep form step, a file attached to a case, sign-up and profile pages.
more_forms = [{'ctl00$ContentContainer$WebFormControl$NextButton': 'Next', 'adx_step': '2',
               'description': "We moved offices (from 3rd floor -> 5th floor); please update the delivery address.",
               'preferredcontactmethodcode': '2'},
              {'firstname': 'Zoë', 'lastname': 'Ó Súilleabháin', 'jobtitle': 'Head of R&D / Ops', 'company': 'Smith & Co. (UK) Ltd'},
              {'Email': 'tom.o\'hara@contoso.com', 'Password': 'Tr0ub4dor&3', 'ConfirmPassword': 'Tr0ub4dor&3', 'InvitationCode': 'A1B2-C3D4'},
              {'comment': 'Rated 4/5 -- delivery was late (2 days), but the product is great. Would order again!', 'rating': '4'},
              {'websiteurl': 'https://www.contoso.com/en-us/about?ref=portal&utm_source=newsletter', 'name': 'Contoso'},
              {'notes': 'Allergies: nuts; dietary: vegetarian. Table for 6 at 7:30pm, if possible near the window.'},
              {'query': "Invoice #INV-2024-0042 shows 'paid' but my bank says otherwise; amount = EUR 1,250.00"},
              {'message': 'Please call me back on +44 (0)20 7946 0018 between 9:00 and 17:00 (GMT+1).'}]
for f in more_forms:
    add('POST', '/contact-us/', up.urlencode(f), 'application/x-www-form-urlencoded', {'__RequestVerificationToken': 'CfDJ8Nq0x_ZzAbC'})

boundary = '----WebKitFormBoundary7MA4YWxkTrZu0gW'
for name, ctype, content in [('Q1 report (final).pdf', 'application/pdf', '%PDF-1.7 binary...'),
                             ('résumé_2024.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'PK binary...'),
                             ('screenshot 2024-05-01 at 10.15.32.png', 'image/png', 'PNG binary...')]:
    body = ('--%s\r\nContent-Disposition: form-data; name="__RequestVerificationToken"\r\n\r\nCfDJ8Nq0x_ZzAbC\r\n'
            '--%s\r\nContent-Disposition: form-data; name="notetext"\r\n\r\nAttached, as discussed on the phone.\r\n'
            '--%s\r\nContent-Disposition: form-data; name="file"; filename="%s"\r\nContent-Type: %s\r\n\r\n%s\r\n--%s--\r\n'
            % (boundary, boundary, boundary, name, ctype, content, boundary))
    add('POST', '/support/edit-case/?id=7c1f0c2e-5b8a-ee11-be36-000d3a8b1234', body, 'multipart/form-data; boundary=' + boundary)

# Page GETs with the query strings the portal itself produces.
for p in ['/knowledgebase/article/?id=KA-01032&lang=en-US', '/SignIn?returnUrl=%2Fsupport%2Fcases%2F%3Fview%3Dmy-open-cases',
          '/events/?startDate=2024-06-01&endDate=2024-06-30&category=Webinar%2CWorkshop', '/_services/portal/search?q=price%20%3C%3D%20100',
          '/profile/?tab=security&returnUrl=/profile/', '/page/?pagingcookie=%3Ccookie%20page%3D%221%22%3E%3Cname%20last%3D%22Zoe%22%20first%3D%22Ann%22%20/%3E%3C/cookie%3E',
          '/Account/Login/ExternalLogin?provider=https%3A%2F%2Flogin.microsoftonline.com%2Fcontoso.onmicrosoft.com%2Fv2.0&returnUrl=%2F',
          '/blogs/news/feed/?format=rss', '/ideas/?filter=top&timespan=month&sort=votes', '/forums/general/?page=3&sort=newest']:
    add('GET', p)

# Other browsers and the search engines' crawlers (Power Pages' bot rules allow good bots).
for ua, path in [('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', '/events/'),
                 ('Mozilla/5.0 (X11; Linux x86_64; rv:127.0) Gecko/20100101 Firefox/127.0', '/knowledgebase/'),
                 ('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87', '/support/cases/'),
                 ('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.6478.122 Mobile Safari/537.36', '/contact-us/'),
                 ('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', '/sitemap.xml'),
                 ('Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', '/about/')]:
    add('GET', path, extra={'User-Agent': ua})

with open('powerpages-benign.jsonl', 'w') as fh:
    for r in out:
        fh.write(json.dumps(r, ensure_ascii=False) + '\n')
print(len(out))
