// Writes src/locales/en-US from the default texts in the code; `--check` fails on drift instead.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const namespace = 'hexabase-monitoring-app';

function sourceFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      return sourceFiles(p);
    }
    return /\.(ts|tsx)$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

const tCall = /\bt\(\s*'([^']+)'\s*,\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/g;
const transTag = /<Trans\s+i18nKey="([^"]+)"[^>]*>([\s\S]*?)<\/Trans>/g;

export function extract() {
  const keys = {};
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(tCall)) {
      keys[m[1]] = (m[2] ?? m[3]).replace(/\\(.)/g, '$1');
    }
    for (const m of text.matchAll(transTag)) {
      keys[m[1]] = m[2].replace(/\s+/g, ' ').trim();
    }
  }
  return keys;
}

export function nest(flat) {
  const out = {};
  for (const key of Object.keys(flat).sort()) {
    const parts = key.split('.');
    let node = out;
    for (const p of parts.slice(0, -1)) {
      node = node[p] ??= {};
    }
    node[parts.at(-1)] = flat[key];
  }
  return out;
}

const file = path.join(root, 'src/locales/en-US', `${namespace}.json`);
const rendered = JSON.stringify(nest(extract()), null, 2) + '\n';
if (process.argv.includes('--check')) {
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== rendered) {
    console.error(`${path.relative(root, file)} is out of date: run npm run i18n:extract`);
    process.exit(1);
  }
} else {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, rendered);
}
