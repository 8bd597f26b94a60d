#!/usr/bin/env python3
"""Imports the paranoia-level-1 request rules of the OWASP Core Rule Set (Apache-2.0) into the
gateway's rule files, reduced to the SecLang subset the gateway's engine evaluates (docs/waf.md).

Front Door's Default Rule Set is itself built on the CRS; like it, we keep the CRS rule ids and
messages. Rules that need state the engine does not keep (TX variables, response phases) are left
out. Usage: bench/waf/import-crs.py <coreruleset checkout> (run from the repository root)."""
import re, subprocess, sys, pathlib

repo = sys.argv[1]
out_dir = pathlib.Path('waf-engine/src/main/resources/waf/drs')
GROUPS = {'920': 'PROTOCOL-ENFORCEMENT', '921': 'PROTOCOL-ATTACK', '930': 'LFI', '931': 'RFI', '932': 'RCE',
          '933': 'PHP', '934': 'NODEJS', '941': 'XSS', '942': 'SQLI', '943': 'FIX', '944': 'JAVA', '911': 'METHOD-ENFORCEMENT'}
SUPPORTED_VARS = {'ARGS', 'ARGS_NAMES', 'ARGS_GET', 'ARGS_GET_NAMES', 'ARGS_POST', 'ARGS_POST_NAMES', 'REQUEST_URI', 'REQUEST_URI_RAW',
                  'REQUEST_FILENAME', 'REQUEST_BASENAME', 'QUERY_STRING', 'REQUEST_HEADERS', 'REQUEST_HEADERS_NAMES',
                  'REQUEST_COOKIES', 'REQUEST_COOKIES_NAMES', 'REQUEST_BODY', 'REQUEST_METHOD', 'REQUEST_PROTOCOL',
                  'REQUEST_LINE', 'XML', 'FILES', 'FILES_NAMES', 'ARGS_COMBINED_SIZE'}
# CRS's setup variables (crs-setup.conf), fixed at their defaults except that PUT, PATCH and DELETE
# are allowed: Power Pages' Web API (/_api) uses them.
MACROS = {'%{tx.allowed_methods}': 'GET HEAD POST OPTIONS PUT PATCH DELETE',
          '%{tx.allowed_http_versions}': 'HTTP/1.0 HTTP/1.1 HTTP/2 HTTP/2.0 HTTP/3 HTTP/3.0'}
REF = '(?<!&(?:quot|amp|lt|gt|apos|nbsp|ndash|mdash|hellip|[lr]squo|[lr]dquo|[lr]aquo|copy|reg|trade|euro|pound|bull|middot|deg|times|#[0-9]{1,7}|#x[0-9a-f]{1,6}))'
# Power Pages tuning, documented in docs/waf.md: rich text (CKEditor notes, forum posts) carries
# <img src> and style="..." attributes; 941160 would block all of it. Script-capable uses stay
# covered by 941100 (@detectXSS, which checks src schemes and style content) and 941110/941120.
# 930110: a traversal must climb somewhere, i.e. go on into a path (a name or another ../), as
# ../etc/passwd and ..\pineapple do; "../" followed by a space or the end of the value is prose
# ("what does ../ mean", "../ parent folder"); every attack case of CRS's own 930110 tests goes
# on into a path. Multi-level climbs are still caught at each "/../" inside them. Written as a
# following non-space character rather than a lookahead, so that RE2 (the engine's linear regex) runs it.
TUNING = {'941160': [('|i[^0-9A-Z_a-z]*?m[^0-9A-Z_a-z]*?a?[^0-9A-Z_a-z]*?g[^0-9A-Z_a-z]*?e?', ''),
                     ('|ping|s(?:rc|tyle))', '|ping)')],
          # 942320/942350: a ";" that ends a character reference (&ndash; &quot; &#39;, as rich-text
          # editors write them) does not end an SQL statement: "Mon&ndash; open Fri", "&quot;select all&quot;".
          # The same reading as @detectSQLi's (SqlInjectionDetector.CHARACTER_REFERENCE).
          '942320': [('|;[\\s\\x0b]*?(?:declare|open)', '|' + REF + ';[\\s\\x0b]*?(?:declare|open)')],
          '942350': [('|;[\\s\\x0b]*?(?:alter|', '|' + REF + ';[\\s\\x0b]*?(?:alter|')],
          '930110': [(r'(?:^|[/;\x5c])\.{2,3}[/;\x5c]', r'(?:^|[/;\x5c])\.{2,3}[/;\x5c][^\s]')]}
KEEP_ACTIONS = ('id', 't', 'msg', 'severity', 'chain', 'multiMatch', 'capture')
data_files = set()


def split_actions(s):
    parts, cur, quoted = [], '', False
    for ch in s:
        if ch == "'":
            quoted = not quoted
        if ch == ',' and not quoted:
            parts.append(cur.strip()); cur = ''
        else:
            cur += ch
    if cur.strip():
        parts.append(cur.strip())
    return parts


def tokens(line):
    # SecRule VARS "OP" "ACTIONS"
    m = re.match(r'SecRule\s+(\S+)\s+"((?:[^"\\]|\\.)*)"\s*(?:"((?:[^"\\]|\\.)*)")?\s*$', line)
    return m.groups() if m else None


def vars_supported(vs):
    for v in vs.split('|'):
        name = v.lstrip('!&').split(':')[0]
        if name not in SUPPORTED_VARS:
            return False
    return True


for conf in sorted(subprocess.check_output(['git', '-C', repo, 'ls-tree', '--name-only', 'HEAD', 'rules/'], text=True).split()):
    m = re.match(r'rules/REQUEST-(9(?:1[1]|2[01]|3[0-4]|4[1-4]))-.*\.conf$', conf)
    if not m:
        continue
    family = m.group(1)
    text = subprocess.check_output(['git', '-C', repo, 'show', 'HEAD:' + conf], text=True)
    text = re.sub(r'\\\n\s*', '', text)
    lines = [l.strip() for l in text.split('\n') if l.strip().startswith('SecRule')]
    rules, i = [], 0
    while i < len(lines):
        chain = [lines[i]]
        while 'chain' in split_actions(tokens(chain[-1])[2] or '') and i + 1 < len(lines):
            i += 1
            chain.append(lines[i])
        i += 1
        head = tokens(chain[0])
        if not head or 'paranoia-level/1' not in (head[2] or ''):
            continue
        acts = split_actions(head[2])
        if 'block' not in acts:
            continue
        if not all(tokens(c) and vars_supported(tokens(c)[0]) for c in chain):
            continue
        out = []
        for n, c in enumerate(chain):
            vs, op, act = tokens(c)
            kept = [a for a in split_actions(act or '') if a.split(':')[0] in KEEP_ACTIONS]
            if n == 0:
                kept.insert(1, 'block')
                kept.append("tag:'group/%s'" % GROUPS[family])
            rid = re.search(r'id:(\d+)', head[2]).group(1)
            for old, new in TUNING.get(rid, []) if n == 0 else []:
                if old not in op:
                    raise SystemExit('tuning for %s no longer applies' % rid)
                op = op.replace(old, new)
            for macro, value in MACROS.items():
                op = op.replace(macro, value)
            if '%{' in op:
                raise SystemExit('unsupported macro in ' + op)
            for f in re.findall(r'@pmFromFile (\S+)', op):
                data_files.add(f)
            out.append('SecRule %s "%s" \\\n    "%s"' % (vs, op, ',\\\n    '.join(kept)))
        rules.append('\n'.join(out))
    name = re.sub(r'^rules/REQUEST-', '', conf)
    header = ('# Imported from OWASP CRS (%s, Apache-2.0) by bench/waf/import-crs.py:\n'
              '# paranoia-level-1 blocking rules only, actions reduced to the subset the engine reads.\n\n' % conf)
    (out_dir / name).write_text(header + '\n\n'.join(rules) + '\n')
    print(name, len(rules))

for f in sorted(data_files):
    (out_dir / f).write_text(subprocess.check_output(['git', '-C', repo, 'show', 'HEAD:rules/' + f], text=True))
    print('data', f)
