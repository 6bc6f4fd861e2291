import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { catalogs } from '@/messages';

// The two catalogs say the same things: every key of one is in the other,
// none is empty, each parses as an ICU message, and both use the same
// arguments (a French string that dropped {count} would show a sentence
// with a hole). A string missing from French fails here, not on a page.

type TTree = { [key: string]: string | TTree };

function flatten(tree: TTree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const e of elements) {
    if (e.type === TYPE.literal || e.type === TYPE.pound) continue;
    into.add(e.value);
    if (e.type === TYPE.select || e.type === TYPE.plural) for (const option of Object.values(e.options)) argumentsOf(option.value, into);
    if (e.type === TYPE.tag) argumentsOf(e.children, into);
  }
  return into;
}

const en = flatten(catalogs.en as unknown as TTree);
const fr = flatten(catalogs.fr as unknown as TTree);

describe('catalogs', () => {
  it('French has every English key and no other', () => {
    expect([...en.keys()].filter((k) => !fr.has(k)), 'missing from French').toEqual([]);
    expect([...fr.keys()].filter((k) => !en.has(k)), 'only in French').toEqual([]);
    expect(en.size).toBeGreaterThan(10);
  });

  it('no string is empty, every one parses, and both languages use the same arguments', () => {
    for (const [key, english] of en) {
      const french = fr.get(key) ?? '';
      expect(english.trim(), key).not.toBe('');
      expect(french.trim(), key).not.toBe('');
      const a = [...argumentsOf(parse(english))].sort();
      const b = [...argumentsOf(parse(french))].sort();
      expect(b, `${key}: ${french}`).toEqual(a);
    }
  });
});
