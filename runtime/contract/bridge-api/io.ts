import { opt, p, t, type ApiClass, type ApiFunction, type ApiModule } from './model';

const path = p('path', t.string, 'Relative to the spell\'s own storage folder (`notes/today.txt`), or `@area/notes.txt` in a shared area the manifest grants.');
const url = p('url', t.string);
const errResult = opt('err', t.string, 'Why it failed; nil on success.');

/** `storage`: the spell's files, jailed in the run's storage folder. */
export const STORAGE_MODULE: ApiModule = {
  name: 'storage',
  doc:
    "Files of the spell, in a storage folder of its own under `$LLMSPELL_HOME/storage` that no other spell sees; paths are relative and cannot leave it. A shared area granted in spell.yaml (`permissions: { storage: { shared: [team] } }`) is reached as `@team/file.txt`. Each folder has a total quota (`storage.quota_bytes`).",
  functions: [
    { name: 'read', doc: 'The text of a file.', params: [path], returns: t.string, fails: true, async: true, rpc: ['storage.read'] },
    {
      name: 'write',
      doc: 'Replaces a file atomically, creating folders.',
      params: [path, p('content', t.string)],
      returns: t.boolean,
      fails: true,
      async: true,
      rpc: ['storage.write'],
      lua: { doc: 'Replaces a file atomically, creating folders; returns nothing on success, else the error message (go-llmspell).', results: [errResult] },
    },
    { name: 'exists', doc: 'Whether a file exists.', params: [path], returns: t.boolean, fails: true, async: true, rpc: ['storage.exists'] },
    {
      name: 'delete',
      doc: 'Deletes a file; false when there was none.',
      params: [path],
      returns: t.boolean,
      fails: true,
      async: true,
      rpc: ['storage.delete'],
      lua: { doc: 'Deletes a file (none there is fine); returns nothing on success, else the error message (go-llmspell). `remove` says whether there was one.', results: [errResult] },
    },
    { name: 'remove', doc: 'Deletes a file; true when one was deleted, false when there was none.', params: [path], returns: t.boolean, fails: true, only: 'lua', tengo: false, rpc: ['storage.delete'] },
    {
      name: 'list',
      doc: 'Relative paths of the spell\'s own files, sorted; `*` and `?` match within a folder, `**` across folders; `@area/**` lists a shared area.',
      params: [opt('pattern', t.string, 'A glob like `*.txt`.')],
      returns: t.array(t.string),
      fails: true,
      async: true,
      rpc: ['storage.list'],
    },
    { name: 'get', doc: 'A value kept in memory for this run (nil/undefined when unset).', params: [p('key', t.string)], returns: t.any },
    { name: 'set', doc: 'Keeps a value in memory for this run.', params: [p('key', t.string), p('value', t.any)], returns: t.void },
  ],
};

/** `http`: requests through the host's network policy. */
export const HTTP_MODULE: ApiModule = {
  name: 'http',
  doc: 'HTTP requests. Every request, and each redirect, goes through the host\'s network policy.',
  functions: [
    {
      name: 'get',
      doc: 'GET a URL.',
      params: [url, opt('opts', t.ref('HttpGetOptions'))],
      returns: t.ref('HttpResponse'),
      fails: true,
      async: true,
      rpc: ['http.get'],
      lua: { doc: 'GET a URL; returns the body (go-llmspell). A status of 400 or more is `nil, "HTTP <code>: <code> <reason>"`; `http.request` returns the whole response.', returns: t.string },
    },
    {
      name: 'post',
      doc: 'POST a body: text as is, a table/object as JSON.',
      params: [url, p('body', t.union(t.string, t.map(t.any))), opt('content_type', t.string)],
      returns: t.ref('HttpResponse'),
      fails: true,
      async: true,
      rpc: ['http.post'],
      lua: {
        doc: 'POST a body (text as is, a table as JSON; content type `application/json` unless given); returns the response body (go-llmspell). A status of 400 or more is `nil, "HTTP <code>: <code> <reason> - <body>"`.',
        returns: t.string,
      },
    },
    { name: 'request', doc: 'Any request.', params: [p('request', t.ref('HttpRequest'))], returns: t.ref('HttpResponse'), fails: true, async: true, rpc: ['http.request'] },
  ],
};

const headers = opt('headers', t.map(t.string));
const timeout = opt('timeout', t.number, 'Seconds for the whole exchange (default 30, at most 120).');

/** Records of storage and http. */
export const IO_CLASSES: ApiClass[] = [
  { name: 'HttpGetOptions', doc: 'Options of `http.get`.', fields: [headers, timeout] },
  {
    name: 'HttpRequest',
    doc: 'A request for `http.request`.',
    fields: [url, opt('method', t.string, 'GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS.'), headers, opt('body', t.union(t.string, t.map(t.any))), timeout],
  },
  {
    name: 'HttpResponse',
    doc: 'The final response (after redirects).',
    fields: [
      p('status', t.integer),
      p('status_text', t.string, 'The standard reason phrase of the status ("Not Found"), or "".'),
      p('body', t.string),
      p('headers', t.map(t.string), 'Lower-case names.'),
      p('url', t.string, 'Where it came from after redirects.'),
    ],
  },
];

/** `fetch`: a WHATWG-shaped subset over `http.request`. */
export const FETCH_FUNCTION: ApiFunction = {
  name: 'fetch',
  doc: 'A WHATWG-shaped subset of `fetch`, through the same network policy as `http`. Rejects with a `TypeError` when the request cannot be made.',
  params: [url, opt('init', t.ref('FetchInit'))],
  returns: t.ref('FetchResponse'),
  async: true,
  only: 'js',
  rpc: ['http.request'],
};

const text = (name: string, doc: string, returns = t.string): ApiFunction => ({ name, doc, params: [], returns, async: true });

/** Records of fetch. */
export const FETCH_CLASSES: ApiClass[] = [
  {
    name: 'FetchInit',
    doc: 'Options of `fetch`.',
    only: 'js',
    fields: [opt('method', t.string), opt('headers', t.union(t.map(t.string), t.array(t.array(t.string)))), opt('body', t.string), opt('timeout', t.number, 'Seconds (not WHATWG).')],
  },
  {
    name: 'FetchResponse',
    doc: 'The response of `fetch`.',
    only: 'js',
    fields: [p('status', t.integer), p('ok', t.boolean, 'status is 200-299.'), p('status_text', t.string), p('url', t.string), p('headers', t.ref('FetchHeaders'))],
    methods: [text('text', 'The body as text.'), text('json', 'The body parsed as JSON.', t.any)],
  },
  {
    name: 'FetchHeaders',
    doc: 'Response headers (case-insensitive).',
    only: 'js',
    fields: [],
    methods: [
      { name: 'get', doc: 'A header value, or null.', params: [p('name', t.string)], returns: t.union(t.string, t.null) },
      { name: 'has', doc: 'Whether the header is present.', params: [p('name', t.string)], returns: t.boolean },
    ],
  },
];
