// The node's public REST API (/v1), the only thing the app talks to. Errors keep the node's
// stable code and its message, so the person sees what the node said in words.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function request(path, options = {}) {
  let response;
  try {
    response = await fetch(path, { ...options, headers: { Accept: 'application/json', ...(options.headers || {}) } });
  } catch (e) {
    throw new ApiError(0, 'NODE_UNREACHABLE', `the node could not be reached (${e.message}); is it running?`);
  }
  const text = await response.text();
  if (!response.ok) {
    let body = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    if (body && body.error) throw new ApiError(response.status, body.error, body.message || body.error);
    throw new ApiError(response.status, 'HTTP_' + response.status, `the node answered ${response.status} ${response.statusText}`);
  }
  return text;
}

async function json(path, options) {
  return JSON.parse(await request(path, options));
}

export const api = {
  node: () => json('/v1/node'),
  state: () => json('/v1/state'),
  members: () => json('/v1/members'),
  proposals: () => json('/v1/proposals'),
  splits: () => json('/v1/splits'),
  balances: () => json('/v1/balances'),
  money: () => json('/v1/money'),
  rulebook: () => json('/v1/rulebook'),
  entries: (start, limit) => json(`/v1/entries?start=${start}&limit=${limit}`),
  entry: (index) => json(`/v1/entries/${index}`),
  checkpoint: () => request('/v1/checkpoint', { headers: { Accept: 'text/plain' } }),
  anchors: () => json('/v1/anchors'),
  inclusion: (index, treeSize) => json(`/v1/proofs/inclusion?index=${index}&treeSize=${treeSize}`),
  submit: (signed) =>
    json('/v1/entries', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(signed) }),
};

/** Every entry, page by page (for the money history). */
export async function allEntries(pageSize = 100) {
  const out = [];
  for (;;) {
    const page = await api.entries(out.length, pageSize);
    out.push(...page.entries);
    if (page.entries.length === 0 || out.length >= page.treeSize) return out;
  }
}
