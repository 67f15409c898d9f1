#!/usr/bin/env python3
"""Each use case states the repositories it uses: this computes them.

Every closure a use case hands `Persistence` (`{ (repos: any UsesAudit & UsesVehicles) in … }`)
and every helper that takes the transaction's stores (`_ repos: any UsesAudit`) declares a
composition of the one-repository protocols (`Uses…`, next to each module's store port). The
composition each one needs is the repositories its body touches (`repos.vehicles`) plus what the
helpers it hands `repos` to declare, to a fixed point. A helper that runs other use cases'
closures (`GovernanceService.transition(_:as:_:)`) declares their union under a typealias
(`AssemblyTransitionStores`), found by its `@Sendable (…, any XStores)` parameter.

    scripts/store-uses.py            the figures
    scripts/store-uses.py --write    rewrites every composition to what its body needs
    scripts/store-uses.py --check    exits 1 when a declared composition differs from it
    scripts/store-uses.py --helpers  the helpers of six or more repositories called from two places
                                     or more: those worth a typealias of their own

Calls are resolved by name (and `Type.` or `self.` where written); overloads of one name are
united, so a composition may hold a repository one overload needs and another does not. Where a
body hands `repos` to something the script cannot follow (another module's hook, a local
closure), the declared type is kept as written and trusted. The compiler checks the rest.
"""
import collections, glob, os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'Sources', 'Application')
ROOT = os.path.normpath(ROOT)
files = sorted(glob.glob(ROOT + '/**/*.swift', recursive=True))
srcs = {f: open(f).read() for f in files}

uses = {}  # repository member -> its protocol (`centres` -> `UsesCentres`)
stores_of = collections.defaultdict(list)  # module port -> its Uses… protocols
for f in files:
    for m in re.finditer(r'public protocol (Uses\w+): Sendable\s*\{\s*var (\w+): any \w+\s*\{\s*get\s*\}\s*\}', srcs[f]):
        uses[m.group(2)] = m.group(1)
    for m in re.finditer(r'public protocol (\w+Stores):\s*((?:Uses\w+\s*,\s*)*Uses\w+)\s*\{\}', srcs[f]):
        stores_of[m.group(1)] = [x.strip() for x in m.group(2).split(',')]
ALL = frozenset(uses.values())
scopes = {}
for f in files:
    for m in re.finditer(r'typealias (\w+)\s*=\s*((?:\w+\s*&\s*)*\w+)', srcs[f]):
        scopes[m.group(1)] = [x.strip() for x in m.group(2).split('&')]


def expand(typ):
    out = set()
    for part in [x.strip() for x in typ.split('&')]:
        if part == 'Repositories':
            return ALL
        if part in scopes:
            inner = expand(' & '.join(scopes[part]))
            if inner is None:
                return None
            out |= inner
        elif part in stores_of:
            out |= set(stores_of[part])
        elif part in ALL:
            out.add(part)
        else:
            return None
    return frozenset(out)


def mask(src):
    # blank out comments and string literal contents (keeping interpolations' code blanked too)
    out = list(src); i = 0; n = len(src)
    def blank(a, b):
        for k in range(a, b):
            if out[k] != '\n': out[k] = ' '
    while i < n:
        if src.startswith('//', i):
            j = src.find('\n', i); j = n if j < 0 else j; blank(i, j); i = j; continue
        if src.startswith('/*', i):
            j = src.find('*/', i) + 2; blank(i, j); i = j; continue
        if src.startswith('"""', i):
            j = src.find('"""', i + 3) + 3; blank(i + 1, j - 1); i = j; continue
        if src[i] == '"':
            j = i + 1; depth = 0
            while j < n:
                c = src[j]
                if depth == 0:
                    if c == '\\' and src[j+1] == '(': depth = 1; j += 2; continue
                    if c == '\\': j += 2; continue
                    if c == '"': break
                else:
                    if c == '(': depth += 1
                    elif c == ')': depth -= 1
                    elif c == '"':
                        # nested simple string inside interpolation
                        j += 1
                        while src[j] != '"':
                            j += 2 if src[j] == '\\' else 1
                j += 1
            blank(i + 1, j); i = j + 1; continue
        i += 1
    return ''.join(out)

def match(m, i, o, c):
    d = 0
    for k in range(i, len(m)):
        if m[k] == o: d += 1
        elif m[k] == c:
            d -= 1
            if d == 0: return k
    raise Exception('unmatched')

masks = {f: mask(s) for f, s in srcs.items()}
filetypes = {}
units = []  # dict(file, kind, name, type_name(enclosing), pname, tstart, tend, tyText, bstart, bend)
TYPE_RE = r'any ([A-Z]\w*(?:\s*&\s*[A-Z]\w*)*)'
for f in files:
    src = open(f).read(); m = mask(src)
    # enclosing type ranges
    types = []
    for t in re.finditer(r'\b(?:struct|enum|class|extension|actor)\s+(\w+)[^{\n]*\{', m):
        try: e = match(m, t.end() - 1, '{', '}')
        except Exception: continue
        types.append((t.start(), e, t.group(1)))
    filetypes[f] = types
    def enclosing(pos):
        best = None
        for a, b, nm in types:
            if a <= pos <= b and (best is None or a > best[0]): best = (a, nm)
        return best[1] if best else None
    for fm in re.finditer(r'\b(?:func\s+(\w+)|init)\s*(<[^>]*>)?\s*\(', m):
        ps = fm.end() - 1; pe = match(m, ps, '(', ')')
        params = m[ps+1:pe]
        # find body
        k = pe + 1
        while k < len(m) and m[k] not in '{\n}' : k += 1
        # allow multi-line signatures: search for '{' before next 'func' or '}' at line start
        bs = m.find('{', pe)
        nxt = re.compile(r'\n\s*(?:func|var|let|case|\}|public|private|static|init)\b').search(m, pe)
        if bs < 0 or (nxt and nxt.start() < bs and '->' not in m[pe:nxt.start()] ):
            body = None
        else:
            body = (bs, match(m, bs, '{', '}'))
        # split params at top level commas
        d = 0; start = 0; parts = []
        for k2, ch in enumerate(params):
            if ch in '([<': d += 1
            elif ch in ')]' or (ch == '>' and params[k2-1] != '-'): d -= 1
            elif ch == ',' and d == 0: parts.append((start, k2)); start = k2 + 1
        parts.append((start, len(params)))
        for a, b in parts:
            p = params[a:b]
            pm = re.match(r'\s*(\w+)(?:\s+(\w+))?\s*:\s*' + TYPE_RE + r'\s*$', p, re.S)
            if not pm: continue
            ex = expand(pm.group(3))
            if ex is None: continue
            pname = pm.group(2) or pm.group(1)
            tstart = ps + 1 + a + pm.start(3) - 4
            units.append(dict(file=f, kind='func', name=fm.group(1) or enclosing(fm.start()), owner=enclosing(fm.start()), pname=pname,
                              tstart=tstart, tend=ps + 1 + a + pm.end(3), ty=pm.group(3), declared=ex, body=body, pos=fm.start()))
            if pm.group(3) in scopes and pm.group(3).endswith('Stores'):
                units[-1]['alias'] = pm.group(3)
    for cm in re.finditer(r'\{\s*(?:\[[^\]]*\]\s*)?\(\s*(\w+)\s*:\s*' + TYPE_RE + r'\s*(?:,\s*\w+\s*:\s*\w+\s*)*\)\s*(?:->\s*[^{}]*?)?\s*in\b', m):
        ex = expand(cm.group(2))
        if ex is None: continue
        bs = cm.start(); be = match(m, bs, '{', '}')
        units.append(dict(file=f, kind='closure', name=None, owner=enclosing(bs), pname=cm.group(1), tstart=cm.start(2) - 4,
                          tend=cm.end(2), ty=cm.group(2), declared=ex, body=(bs, be), pos=bs))

byname = collections.defaultdict(list)
ivars = collections.defaultdict(set)
for f in files:
    for v in re.finditer(r'\b(?:let|var)\s+(\w+)\s*:\s*(\w+)\b', masks[f]): ivars[v.group(1)].add(v.group(2))
for i, u in enumerate(units):
    if u['kind'] == 'func': byname[u['name']].append(i)


def hooks():
    """Helpers with a `@Sendable (…, any XStores …)` parameter whose XStores is a typealias."""
    for f in files:
        m = masks[f]
        for fm in re.finditer(r'\bfunc\s+(\w+)\s*(?:<[^>]*>)?\s*\(', m):
            ps0 = fm.end() - 1
            pe0 = match(m, ps0, '(', ')')
            for pm in re.finditer(r'(\w+)\s*:\s*(?:@escaping\s+)?@Sendable\s*\(', m[ps0:pe0]):
                ps = ps0 + pm.end() - 1
                pe = match(m, ps, '(', ')')
                inner = m[ps + 1:pe]
                tm = re.search(r'any (\w+)', inner)
                if not tm or tm.group(1) not in scopes or not tm.group(1).endswith('Stores'):
                    continue
                idx = inner[:tm.start()].count(',')
                yield f, fm.group(1), pm.group(1), idx, tm.group(1), ps + 1, tm

direct = {}; calls = {}; opaque = set(); notes = {}

hookunit = {}
for f, helper, param, idx, alias, ps, tm in hooks():
    pseudo = len(units)
    units.append(dict(file=f, kind='hook', name=None, owner=None, pname=None, tstart=ps + tm.start(), tend=ps + tm.end(),
                      ty=tm.group(1), declared=expand(tm.group(1)), body=None, pos=ps, alias=alias))
    direct[pseudo] = set(); calls[pseudo] = set(); hookunit[(f, param)] = pseudo
    owner = os.path.basename(f).split('+')[0].split('.')[0]
    for cf in [g for g in files if g == f or os.path.basename(g).startswith(owner + '+')]:
      m = masks[cf]
      for cm in re.finditer(r'(?<![\w.])' + helper + r'(\(|\s*\{)', m):
        if m[cm.start()-5:cm.start()] == 'func ': continue
        if cm.group(1) == '(':
            cs = cm.end() - 1; ce = match(m, cs, '(', ')')
        else:
            ce = cm.start() + len(helper) - 1
        tc = re.match(r'\s*\{\s*((?:\w+\s*,\s*)*\w+)\s+in\b', m[ce+1:])
        if not tc: continue
        names = [x.strip() for x in tc.group(1).split(',')]
        if len(names) <= idx: continue
        bs = ce + 1 + tc.start() + tc.group(0).index('{'); be = match(m, bs, '{', '}')
        k = len(units)
        own = None
        for ta, tb, tn in filetypes[cf]:
            if ta <= bs <= tb and (own is None or ta > own[0]): own = (ta, tn)
        units.append(dict(file=cf, kind='hookclosure', name=None, owner=own and own[1], pname=names[idx], tstart=None, tend=None, ty=None,
                          declared=expand(tm.group(1)), body=(bs, be), pos=bs, hdr=len(tc.group(0)) - tc.group(0).index('{')))
        calls[pseudo].add(k)

for i, u in enumerate(units):
    if u['kind'] == 'hook':
        # Closures passed by label rather than trailing are not followed: the alias is trusted.
        if not calls[i]:
            opaque.add(i)
        continue
    if u['body'] is None: opaque.add(i); continue
    m = masks[u['file']]; a, b = u['body']; text = m[a:b+1]; pn = u['pname']
    if pn == '_': direct[i] = set(); calls[i] = set(); continue
    d = set(); cs = set()
    for r in re.finditer(r'(?<![\w.])' + pn + r'\b', text):
        if r.start() < u.get('hdr', 0): continue
        after = text[r.end():r.end()+1]
        if after == '.':
            mm = re.match(r'\.(\w+)', text[r.end():])
            mem = mm.group(1)
            if mem in uses: d.add(uses[mem])
            else: opaque.add(i); notes[i] = 'member ' + mem
            continue
        # skip the closure's own parameter declaration
        if re.match(r'\s*:', text[r.end():]): continue
        # find unmatched '(' before
        k = r.start() - 1; depth = 0
        while k >= 0:
            ch = text[k]
            if ch in ')]}': depth += 1
            elif ch in '([{':
                if depth == 0: break
                depth -= 1
            k -= 1
        if k < 0 or text[k] != '(':
            opaque.add(i); notes[i] = 'use ' + text[max(0,r.start()-40):r.end()].replace('\n',' '); continue
        cm = re.search(r'([\w.]+)\s*$', text[:k])
        if not cm: opaque.add(i); notes[i] = 'callee?'; continue
        chain = cm.group(1).split('.')
        nm = chain[-1]; q = chain[-2] if len(chain) > 1 else None
        cands = byname.get(nm, [])
        if q is None and (u['file'], nm) in hookunit:
            cs.add(hookunit[(u['file'], nm)]); continue
        if q is None and any(not re.match(r'\s*=\s*(?:try\s+)?(?:await\s+)?' + nm + r'\(', text[d.end():])
                             for d in re.finditer(r'(?:let|var)\s+' + nm + r'\b', text)):
            opaque.add(i); notes[i] = 'local function ' + nm; continue
        if q is None and re.search(r'\b' + nm + r'\s*:\s*(?:@escaping\s+)?(?:@Sendable\s+)?\(', m):
            opaque.add(i); notes[i] = 'function parameter ' + nm; continue
        if q in (None, 'Self', 'self'):
            same = [c for c in cands if units[c]['owner'] == u['owner']]
            cands = same or cands
        elif q and q[0].isupper():
            cands = [c for c in cands if units[c]['owner'] == q]
        elif q in ivars:
            # an instance's method (trail.record): that type's functions of that name
            cands = [c for c in cands if units[c]['owner'] in ivars[q]] or cands
        elif q:
            cands = ([c for c in cands if (units[c]['owner'] or '').lower() == q.lower()]
                     or [c for c in cands if units[c]['file'] == u['file']] or cands)
        else:
            cands = [c for c in cands if units[c]['file'] == u['file']] or cands
        if not cands: opaque.add(i); notes[i] = 'callee ' + '.'.join(chain); continue
        cs |= set(cands)
    direct[i] = d; calls[i] = cs
need = {i: (u['declared'] if i in opaque else frozenset(direct[i])) for i, u in enumerate(units)}
changed = True
while changed:
    changed = False
    for i in range(len(units)):
        if i in opaque: continue
        n = set(need[i])
        for c in calls[i]: n |= need[c]
        n = frozenset(n)
        if n != need[i]: need[i] = n; changed = True

def line_of(u):
    return os.path.relpath(u['file'], os.path.join(ROOT, '..', '..')) + ':' + str(srcs[u['file']][:u['pos']].count('\n') + 1)


def expected(i):
    """The composition, naming a helper's stores by its name where the helper has one."""
    if need[i] == ALL:
        return 'any Repositories'
    rest = set(need[i])
    named = []
    for c in sorted(calls.get(i, ()), key=lambda c: -len(need[c])):
        alias = units[c].get('alias') if c != i else None
        if units[c]['kind'] in ('func', 'hook') and alias and alias not in named and need[c] <= need[i] and need[c] & rest:
            named.append(alias)
            rest -= need[c]
    return 'any ' + ' & '.join(sorted(named) + sorted(rest))


checked = [i for i, u in enumerate(units) if i not in opaque and u['kind'] != 'hookclosure' and need[i]]

# A closure handed to Persistence without a declared type sees the whole `Repositories`.
untyped = []
for f in files:
    m = masks[f]
    for pm in re.finditer(r'\bpersistence\.(?:read|write|writeOneStatement)\b\s*(?:\([^()]*\))?\s*\(?\s*\{', m):
        if re.match(r'\s*(\[[^\]]*\]\s*)?\(\s*\w+\s*:\s*any\b', m[pm.end():]):
            continue
        header = re.match(r'\s*(\[[^\]]*\]\s*)?((?:\w+\s*,\s*)*\w+)\s+in\b', m[pm.end():])
        untyped.append((f, pm.end(), header))
if '--write' in sys.argv and any(header for _, _, header in untyped):
    for f in files:
        s = srcs[f]
        for uf, at, header in sorted((x for x in untyped if x[0] == f and x[2]), key=lambda x: -x[1]):
            names = [n.strip() for n in header.group(2).split(',')]
            typed = ', '.join([names[0] + ': any Repositories'] + [n + ': EventPublisher' for n in names[1:]])
            a, b = at + header.start(2), at + header.end(2)
            s = s[:a] + '(' + typed + ')' + s[b:]
        if s != srcs[f]:
            open(f, 'w').write(s)
    # Once typed, they are narrowed like the others.
    os.execv(sys.executable, [sys.executable] + sys.argv)
if '--write' in sys.argv:
    edits = collections.defaultdict(list)
    aliases = {}
    for i in checked:
        u = units[i]
        if u.get('alias'):
            aliases[u['alias']] = (u['file'], expected(i)[len('any '):])
        elif need[i] != u['declared'] or expected(i) != 'any ' + re.sub(r'\s+', ' ', u['ty']):
            edits[u['file']].append((u['tstart'], u['tend'], expected(i)))
    for f in files:
        s = srcs[f]
        for a, b, new in sorted(edits.get(f, []), reverse=True):
            assert s[a:a + 4] == 'any ', (f, s[a:b])
            s = s[:a] + new + s[b:]
        for alias, (af, members) in aliases.items():
            if af == f:
                # Rewritten only when its members change, so the formatter's wrapping stays.
                s = re.sub(r'(typealias %s\s*=\s*)((?:\w+\s*&\s*)*\w+)' % alias,
                           lambda m: m.group(0) if re.sub(r'\s+', ' ', m.group(2)) == members else m.group(1) + members, s)

        # A closure header the formatter wrapped while its composition was long goes back on one
        # line when it now fits in the formatter's 120 columns.
        def collapse(m):
            one = '{ (' + re.sub(r'\s+', ' ', m.group(1)) + ')' + (
                ' ' + re.sub(r'\s+', ' ', m.group(2).strip()) if m.group(2) else '') + ' in\n'
            line_start = s.rfind('\n', 0, m.start()) + 1
            return one if m.start() - line_start + len(one) - 1 <= 120 else m.group(0)
        s = re.sub(r'\{\s*\(\s*(\w+: any [\w&\s]+?)\s*\)(\s*->\s*[^\n{}]*?)?\s+in\n', collapse, s)
        if s != srcs[f]:
            open(f, 'w').write(s)
            print('rewrote', os.path.relpath(f))
elif '--check' in sys.argv:
    wrong = 0
    for i in checked:
        u = units[i]
        if need[i] != u['declared']:
            wrong += 1
            extra = sorted(u['declared'] - need[i]) if u['declared'] != ALL else ['the whole Repositories']
            missing = sorted(need[i] - u['declared'])
            print(f"{line_of(u)}: declares {', '.join(extra) or 'nothing more'}"
                  f"{' and lacks ' + ', '.join(missing) if missing else ''}: its body needs {expected(i)}")
    for f, at, header in untyped:
        wrong += 1
        print(f"{os.path.relpath(f, os.path.join(ROOT, '..', '..'))}:{srcs[f][:at].count(chr(10)) + 1}: "
              "a closure handed to Persistence declares no stores")
    # Taking the whole transaction is said in a comment just above: `// The whole transaction: …`.
    def said(u):
        before = srcs[u['file']][:u['pos']].rstrip().rsplit('\n', 3)
        return any('The whole transaction' in line for line in before[-3:])
    whole = [units[i] for i in range(len(units)) if need[i] == ALL and i not in opaque and not said(units[i])]
    for u in whole:
        wrong += 1
        print(f"{line_of(u)}: needs the whole Repositories")
    if wrong:
        print(f'{wrong} compositions differ from what their bodies need: run scripts/store-uses.py --write')
        sys.exit(1)
    print(f'{len(checked)} compositions checked: each states what its body needs')
else:
    sizes = collections.Counter(len(need[i]) for i in checked)
    print(f'{len(checked)} compositions; by number of repositories: ' + ', '.join(f'{k}: {v}' for k, v in sorted(sizes.items())))
    for i in sorted(opaque):
        u = units[i]
        print(f"{line_of(u)}: kept as written ({u['ty']}): {notes.get(i, 'no body')}")
if '--helpers' in sys.argv:
    callers = collections.Counter()
    for i in range(len(units)):
        for c in calls.get(i, ()):
            callers[c] += 1
    for c, k in callers.most_common():
        u = units[c]
        if u['kind'] == 'func' and len(need[c]) >= 6 and k >= 2:
            print(k, len(need[c]), line_of(u), u['owner'], u['name'])
