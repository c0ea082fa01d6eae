import http from 'node:http';
import { performance } from 'node:perf_hooks';

// One request to Prometheus' HTTP API, timed from the first byte sent to the last byte received,
// as Grafana's backend sees it; node's http, since the test environment has no fetch.

export interface Measured {
  ms: number;
  bytes: number;
  /** Series (or label values) returned. */
  series: number;
  /** Samples the query touched (stats=all: totalQueryableSamples); 0 for label values. */
  samples: number;
  error?: string;
}

interface Body {
  status: string;
  error?: string;
  data?: { result?: unknown[]; stats?: { samples?: { totalQueryableSamples?: number } } } | string[];
}

function get(url: string, timeoutMs: number): Promise<{ ms: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ ms: performance.now() - started, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
  });
}

// Above this size an answer is scanned rather than parsed: V8 strings stop at 512 MiB.
const PARSED_BYTES = 128 * 2 ** 20;

function occurrences(buf: Buffer, needle: string): number {
  let n = 0;
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + needle.length)) {
    n++;
  }
  return n;
}

/** Series and samples of a large successful answer, read without parsing it. */
function scanned(ms: number, buf: Buffer): Measured {
  const key = '"totalQueryableSamples":';
  const at = buf.lastIndexOf(key);
  const samples = at >= 0 ? parseInt(buf.subarray(at + key.length, at + key.length + 24).toString(), 10) : 0;
  return { ms, bytes: buf.length, series: occurrences(buf, '{"metric":'), samples };
}

/** GET path?params on Prometheus; an API error is returned, not thrown. */
export async function measure(
  base: string,
  path: string,
  params: Record<string, string>,
  timeoutMs: number
): Promise<Measured> {
  const url = `${base}${path}?${new URLSearchParams(params).toString()}`;
  const { ms, body: buf } = await get(url, timeoutMs);
  if (buf.length > PARSED_BYTES && buf.subarray(0, 32).toString().startsWith('{"status":"success"')) {
    return scanned(ms, buf);
  }
  const body = JSON.parse(buf.toString('utf8')) as Body;
  const bytes = buf.length;
  if (body.status !== 'success') {
    return { ms, bytes, series: 0, samples: 0, error: body.error ?? body.status };
  }
  if (Array.isArray(body.data)) {
    return { ms, bytes, series: body.data.length, samples: 0 };
  }
  return {
    ms,
    bytes,
    series: body.data?.result?.length ?? 0,
    samples: body.data?.stats?.samples?.totalQueryableSamples ?? 0,
  };
}

/** The JSON data of a GET that must succeed. */
export async function getData<T>(base: string, path: string, params: Record<string, string> = {}): Promise<T> {
  const { body: buf } = await get(`${base}${path}?${new URLSearchParams(params).toString()}`, 600000);
  const body = JSON.parse(buf.toString('utf8')) as { status: string; error?: string; data: T };
  if (body.status !== 'success') {
    throw new Error(`${path}: ${body.error}`);
  }
  return body.data;
}
