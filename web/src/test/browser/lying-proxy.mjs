// A proxy in front of a real node that passes everything through except the answers it is told
// to alter: how a lying node (or anyone on the path) looks to the browser.
import http from 'node:http';

/**
 * Starts a proxy on a free loopback port. {@code lie(path, body)} returns the altered body text
 * for a path it wants to lie about, or null to pass the answer through untouched.
 */
export async function startLyingProxy(target, lie) {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, host: upstream.host, 'accept-encoding': 'identity' };
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers },
      (answer) => {
        const chunks = [];
        answer.on('data', (c) => chunks.push(c));
        answer.on('end', () => {
          let body = Buffer.concat(chunks);
          const altered = answer.statusCode === 200 ? lie(req.url, body.toString('utf8')) : null;
          const out = { ...answer.headers };
          if (altered != null) {
            body = Buffer.from(altered, 'utf8');
            delete out.etag;
          }
          out['content-length'] = String(body.length);
          res.writeHead(answer.statusCode, out);
          res.end(body);
        });
      },
    );
    forward.on('error', (e) => {
      res.writeHead(502);
      res.end(String(e));
    });
    req.pipe(forward);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() };
}

/** Flips one bit of byte {@code at} of entry {@code index}'s leaf in a /v1/entries page. */
export function alterLeaf(pageJson, index, at) {
  const page = JSON.parse(pageJson);
  for (const entry of page.entries) {
    if (entry.index !== index) continue;
    const leaf = Buffer.from(entry.leaf, 'base64');
    const pos = at < 0 ? leaf.length + at : at;
    leaf[pos] ^= 0x01;
    entry.leaf = leaf.toString('base64');
  }
  return JSON.stringify(page);
}
