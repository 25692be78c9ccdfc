# Writes the requests one of FastAPI's test files sends, as requests.json entries, by running its
# tests with a test client that records each request instead of sending it (and stops the test
# there). Run it with the reference's Python, from a FastAPI checkout's parent folder:
#   ../shared/tools/fastapi-reference --python docs/fastapi-tests/extract-requests.py \
#     <checkout> tests/test_x.py [leave out URLs containing…] > docs/fastapi-tests/<topic>/requests.json
# Tests of the OpenAPI document are skipped; so are requests the helpers cannot write (noted on stderr).
import sys, types, json, base64, importlib, inspect
checkout, src = sys.argv[1], sys.argv[2]; exclude = sys.argv[3:]

class Stop(Exception): pass

# Stubs for the test-only packages the test files import.
pytest = types.ModuleType('pytest')
class _Mark:
    def parametrize(self, names, values, **kw):
        def deco(f):
            f.__dict__.setdefault('_params', []).append((names, values)); return f
        return deco
    def __getattr__(self, name):
        return lambda *a, **k: (lambda f: f)
pytest.mark = _Mark()
pytest.param = lambda *values, **kw: values if len(values) > 1 else (values[0],)
pytest.fixture = lambda *a, **k: (a[0] if a and callable(a[0]) else (lambda f: f))
pytest.raises = lambda *a, **k: __import__('contextlib').nullcontext()
pytest.warns = pytest.raises
sys.modules['pytest'] = pytest
snap = types.ModuleType('inline_snapshot'); snap.snapshot = lambda x=None: x; sys.modules['inline_snapshot'] = snap
de = types.ModuleType('dirty_equals')
de.__getattr__ = lambda name: (lambda *a, **k: None)
sys.modules['dirty_equals'] = de

requests = []
class Response:
    def __getattr__(self, name): raise Stop()
class Jar(dict):
    def set(self, name, value, **kw): self[name] = value
class Client:
    def __init__(self, app=None, cookies=None, base_url='http://testserver', **kw):
        self.cookies = Jar(cookies or {})
    def __enter__(self): return self
    def __exit__(self, *a): pass
    def request(self, method, url, params=None, data=None, json=None, headers=None, cookies=None, files=None, auth=None, content=None, follow_redirects=True, **kw):
        init = {}
        pairs = isinstance(headers, list)
        hs = [(k.lower(), v) for k, v in headers] if pairs else dict(headers or {})
        jar = {**self.cookies, **(cookies or {})}
        add = (lambda k, v: hs.append((k, v))) if pairs else hs.__setitem__
        if jar: add('cookie', '; '.join(f'{k}={v}' for k, v in jar.items()))
        if auth: add('authorization', 'Basic ' + base64.b64encode(f'{auth[0]}:{auth[1]}'.encode()).decode())
        if params:
            from urllib.parse import urlencode
            url += ('&' if '?' in url else '?') + urlencode(params, doseq=True)
        if files is not None:
            items = files.items() if isinstance(files, dict) else files
            form = init.setdefault('form', {})
            for key, spec in items:
                if isinstance(spec, tuple): name, blob = spec[0], spec[1]
                else: name, blob = None, spec
                blob = blob.read() if hasattr(blob, "read") else blob
                entry = {"file": blob.decode() if isinstance(blob, bytes) else blob}
                if name: entry['name'] = name
                form.setdefault(key, []).append(entry)
            for key in form: form[key] = form[key][0] if len(form[key]) == 1 else form[key]
        if json is not None: init['json'] = json
        if data is not None:
            if isinstance(data, dict): init['form'] = init.get('form', {}) | {k: (list(v) if isinstance(v, (list, tuple)) else str(v) if not isinstance(v, str) else v) for k, v in data.items()}
            else: init['body'] = data if isinstance(data, str) else data.decode()
        if content is not None: init['body'] = content if isinstance(content, str) else content.decode()
        if hs: init['headers'] = [list(p) for p in hs] if pairs else {k.lower(): v for k, v in hs.items()}
        if not any(x in url for x in exclude):
            requests.append([method.upper(), url.replace('http://testserver', '')] + ([init] if init else []))
        return Response()
    def __getattr__(self, name):
        if name in ('get', 'post', 'put', 'delete', 'patch', 'options', 'head'):
            return lambda url, **kw: self.request(name, url, **kw)
        raise AttributeError(name)
import fastapi.testclient, starlette.testclient
fastapi.testclient.TestClient = Client; starlette.testclient.TestClient = Client

sys.path.insert(0, checkout)
mod = importlib.import_module(src[:-3].replace('/', '.'))
for name, f in list(vars(mod).items()):
    if not (name.startswith('test_') and callable(f)) or 'openapi' in name or 'schema' in name: continue
    params = getattr(f, '_params', [])
    combos = [{}]
    for names, values in params:
        names = [n.strip() for n in names.split(',')] if isinstance(names, str) else list(names)
        new = []
        for c in combos:
            for v in values:
                v = v if isinstance(v, tuple) and len(names) > 1 or (isinstance(v, tuple) and len(v) == 1) else (v,)
                new.append({**c, **dict(zip(names, v))})
        combos = new
    sig = inspect.signature(f)
    for c in combos:
        args = {k: v for k, v in c.items() if k in sig.parameters}
        if any(p not in args for p in sig.parameters):
            if 'client' in sig.parameters and 'client' not in args: args['client'] = Client()
            missing = [p for p in sig.parameters if p not in args]
            if missing: print('skipped', name, missing, file=sys.stderr); continue
        try: f(**args)
        except Stop: pass
        except SystemError as e: print('skipped', name, e, file=sys.stderr)
        except Exception as e: print('error', name, type(e).__name__, e, file=sys.stderr)
print('[\n' + ',\n'.join('  ' + json.dumps(r, ensure_ascii=False) for r in requests) + '\n]')
