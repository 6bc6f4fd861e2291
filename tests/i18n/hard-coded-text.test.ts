import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// A string a person reads must come from the catalogs (messages/), or French
// readers meet English in the middle of a page. This reads every page and
// component and finds the words written straight into them: text between
// tags, text attributes (aria-label, title, placeholder, a component's label
// props…) and toasts. Words that are not English or French (the product's
// name, a card's dots, an example value) are allowed below.

const ROOT = join(import.meta.dirname, '../..');

/** Attributes that never hold words for people. */
const NOT_TEXT = new Set([
  'className', 'href', 'id', 'type', 'name', 'role', 'key', 'htmlFor', 'autoComplete', 'inputMode', 'pattern', 'rel', 'target', 'lang', 'dir', 'src',
  'variant', 'size', 'permission', 'value', 'defaultValue', 'tone', 'method', 'form', 'align', 'side', 'mode', 'kind', 'scope', 'accept', 'enterKeyHint',
  'action', 'encType', 'as', 'position', 'theme', 'orientation', 'fill', 'stroke', 'd', 'viewBox', 'xmlns', 'strokeWidth', 'strokeLinecap',
  'strokeLinejoin', 'points', 'textAnchor', 'dominantBaseline', 'preserveAspectRatio', 'list', 'min', 'max', 'step', 'feature', 'operator', 'section',
  'aria-controls', 'aria-labelledby', 'aria-describedby', 'aria-current', 'aria-live', 'aria-haspopup', 'aria-expanded', 'aria-hidden', 'aria-sort',
  'testId', 'color', 'vectorEffect', 'icon', 'format', 'dy', 'dx', 'path', 'field', 'titleId',
  'aria-orientation', 'aria-modal', 'aria-invalid', 'aria-pressed', 'aria-selected', 'aria-checked', 'aria-busy', 'aria-atomic', 'aria-relevant', 'spellCheck',
  // translate="no" marks data (names, e-mails, values people typed) for translators and the French page checker.
  'translate',
]);

/** Text that is the same in every language. */
const UNIVERSAL = /^(Orylo|Stripe|Slack|API|CSV|ID|IP|BIN|URL|SMTP|OK|whsec_…|https:\/\/…|[^\p{L}]*)$/u;

const hasWords = (text: string) => /\p{L}{2,}/u.test(text) && !UNIVERSAL.test(text.trim());

/** Text inside <code>, <kbd> or <pre> is code (a header name, a path, a key), the same in every language. */
const CODE_TAGS = new Set(['code', 'kbd', 'pre', 'samp']);
const inCode = (node: ts.JsxText) => ts.isJsxElement(node.parent) && CODE_TAGS.has(node.parent.openingElement.tagName.getText());

export function hardCodedText(file: string, source = readFileSync(file, 'utf8')): string[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const at = (node: ts.Node, text: string) => found.push(`${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim().slice(0, 60)}`);
  const literal = (node: ts.Node | undefined): string | null =>
    node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : null;
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && hasWords(node.text) && !inCode(node)) at(node, node.text);
    if (ts.isJsxAttribute(node)) {
      const name = node.name.getText(sf);
      const init = node.initializer;
      const value = literal(init) ?? (init && ts.isJsxExpression(init) ? literal(init.expression) : null);
      if (value !== null && !NOT_TEXT.has(name) && !name.startsWith('data-') && hasWords(value)) at(node, `${name}="${value}"`);
    }
    // toast('…'), toast.error('…', { description: '…' })
    if (ts.isCallExpression(node) && /^toast(\.\w+)?$/.test(node.expression.getText(sf))) {
      const [first, options] = node.arguments;
      const text = literal(first);
      if (text !== null && hasWords(text)) at(node, `toast "${text}"`);
      if (options && ts.isObjectLiteralExpression(options))
        for (const p of options.properties)
          if (ts.isPropertyAssignment(p) && p.name.getText(sf) === 'description' && hasWords(literal(p.initializer) ?? '')) at(p, `description "${literal(p.initializer)}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

function tsxFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsxFiles(join(dir, e.name)) : e.name.endsWith('.tsx') && !e.name.endsWith('.test.tsx') ? [join(dir, e.name)] : [],
  );
}


describe('hard-coded text', () => {
  const files = [...tsxFiles('app'), ...tsxFiles('components')].map((f) => relative(ROOT, join(ROOT, f)));

  it('finds words written into a component (the scanner works)', () => {
    const sample = `export const A = () => <div title="Close it" data-x="a b"><span aria-label="Menu">Hello there</span>{'x'}<i className="a b" /></div>;
      toast.error('Could not save', { description: 'Try again' });`;
    expect(hardCodedText('sample.tsx', sample).map((l) => l.replace(/^\d+: /, ''))).toEqual(['title="Close it"', 'aria-label="Menu"', 'Hello there', 'toast "Could not save"', 'description "Try again"']);
    expect(hardCodedText('sample.tsx', `export const B = () => <b>Orylo{' · '}{t('x')}</b>;`)).toEqual([]);
  });

  it('every page and component takes its words from the catalogs', () => {
    const offenders = Object.fromEntries(files.map((f) => [f, hardCodedText(join(ROOT, f))]).filter(([, lines]) => lines.length));
    expect(offenders).toEqual({});
  });
});
