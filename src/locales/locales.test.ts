import en from './en-US/hexabase-monitoring-app.json';
import ja from './ja-JP/hexabase-monitoring-app.json';
import pluginJson from '../plugin.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  return Object.entries(tree).reduce<Record<string, string>>((acc, [k, v]) => {
    const key = prefix ? `${prefix}.${k}` : k;
    return typeof v === 'string' ? { ...acc, [key]: v } : { ...acc, ...flatten(v, key) };
  }, {});
}

const placeholders = (s: string) => (s.match(/{{\s*\w+\s*}}/g) ?? []).sort();

describe('locales', () => {
  const enKeys = flatten(en);
  const jaKeys = flatten(ja);

  it('are the languages plugin.json declares', () => {
    expect(pluginJson.languages).toEqual(['en-US', 'ja-JP']);
  });

  it('ja-JP has exactly the keys of en-US', () => {
    expect(Object.keys(jaKeys).sort()).toEqual(Object.keys(enKeys).sort());
  });

  it('ja-JP keeps every interpolation placeholder and translates every string', () => {
    for (const [key, text] of Object.entries(enKeys)) {
      expect({ key, placeholders: placeholders(jaKeys[key] ?? '') }).toEqual({ key, placeholders: placeholders(text) });
      expect({ key, empty: (jaKeys[key] ?? '').trim() === '' }).toEqual({ key, empty: false });
    }
  });
});
