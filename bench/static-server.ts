// The static baseline when nginx is absent: one response's bytes served from memory by node:http.
// Usage: node bench/static-server.ts BODY_FILE HEADERS_JSON PORT
import fs from 'node:fs';
import http from 'node:http';

const [bodyFile, headersJson, port] = process.argv.slice(2);
const body = fs.readFileSync(bodyFile!);
const headers = { ...(JSON.parse(headersJson!) as Record<string, string>), 'Content-Length': String(body.length) };

http
  .createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  })
  .listen(Number(port), '127.0.0.1');
process.once('SIGTERM', () => process.exit(0));
