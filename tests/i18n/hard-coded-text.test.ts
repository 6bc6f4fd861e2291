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
  'testId', 'color', 'vectorEffect', 'icon', 'format', 'dy', 'dx', 'path', 'field',
  // translate="no" marks data (order ids, e-mails, rule names) for the French page checker.
  'translate',
  'aria-orientation', 'aria-modal', 'aria-invalid', 'aria-pressed', 'aria-selected', 'aria-checked', 'aria-busy', 'aria-atomic', 'aria-relevant', 'spellCheck',
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

/**
 * Pages and components still written in English only (issue 15 moves them
 * to the catalogs part by part). The list only shrinks: a file translated
 * must leave it, and a new file must never join it.
 */
const NOT_YET_TRANSLATED = new Set<string>([
  'app/(auth)/sign-in/page.tsx',
  'app/(auth)/sign-up/page.tsx',
  'app/invitations/[id]/page.tsx',
  'app/onboarding/page.tsx',
  'components/admin/admin-metrics-view.tsx',
  'components/admin/admin-only.tsx',
  'components/admin/live-charts.tsx',
  'components/admin/reasons-table.tsx',
  'components/admin/stat-cards.tsx',
  'components/alerts/add-channel-form.tsx',
  'components/alerts/alerts-view.tsx',
  'components/alerts/backlog-setting-form.tsx',
  'components/alerts/channel-card.tsx',
  'components/api-keys/api-keys-table.tsx',
  'components/api-keys/api-keys-view.tsx',
  'components/api-keys/create-api-key-form.tsx',
  'components/api-keys/new-key-box.tsx',
  'components/attacks/attack-detail-view.tsx',
  'components/attacks/attack-summary.tsx',
  'components/attacks/attacks-view.tsx',
  'components/audit/audit-diff.tsx',
  'components/audit/audit-table.tsx',
  'components/audit/audit-view.tsx',
  'components/auth/onboarding.tsx',
  'components/auth/sign-in-form.tsx',
  'components/auth/sign-up-form.tsx',
  'components/invitations/invitation-auth.tsx',
  'components/invitations/invitation-response.tsx',
  'components/review/bulk-bar.tsx',
  'components/review/claim-cell.tsx',
  'components/review/review-actions.tsx',
  'components/review/review-table.tsx',
  'components/review/review-view.tsx',
  'components/review/verdict-select.tsx',
  'components/rules/add-list-entry-form.tsx',
  'components/rules/editable-number.tsx',
  'components/rules/lists-table.tsx',
  'components/rules/rule-editor-comparison.tsx',
  'components/rules/rule-editor-condition.tsx',
  'components/rules/rule-editor-fields.tsx',
  'components/rules/rule-editor-results.tsx',
  'components/rules/rule-editor-test.tsx',
  'components/rules/rule-editor.tsx',
  'components/rules/rule-stats-cell.tsx',
  'components/rules/rules-table.tsx',
  'components/rules/rules-view.tsx',
  'components/rules/thresholds-form.tsx',
  'components/settings/settings-index.tsx',
  'components/stripe/connection-status.tsx',
  'components/stripe/endpoint-url.tsx',
  'components/stripe/recent-events.tsx',
  'components/stripe/secret-form.tsx',
  'components/stripe/setup-steps.tsx',
  'components/stripe/stripe-view.tsx',
  'components/team/invitations-table.tsx',
  'components/team/invite-form.tsx',
  'components/team/leave-card.tsx',
  'components/team/members-table.tsx',
  'components/team/team-view.tsx',
  'components/war-room/top-table.tsx',
  'components/war-room/war-room-banner.tsx',
  'components/war-room/war-room-panel.tsx',
  'components/webhooks/create-webhook-form.tsx',
  'components/webhooks/delivery-log.tsx',
  'components/webhooks/endpoint-card.tsx',
  'components/webhooks/secret-box.tsx',
  'components/webhooks/verify-snippet-card.tsx',
  'components/webhooks/webhooks-view.tsx',
]);

describe('hard-coded text', () => {
  const files = [...tsxFiles('app'), ...tsxFiles('components')].map((f) => relative(ROOT, join(ROOT, f)));

  it('finds words written into a component (the scanner works)', () => {
    const sample = `export const A = () => <div title="Close it" data-x="a b"><span aria-label="Menu">Hello there</span>{'x'}<i className="a b" /></div>;
      toast.error('Could not save', { description: 'Try again' });`;
    expect(hardCodedText('sample.tsx', sample).map((l) => l.replace(/^\d+: /, ''))).toEqual(['title="Close it"', 'aria-label="Menu"', 'Hello there', 'toast "Could not save"', 'description "Try again"']);
    expect(hardCodedText('sample.tsx', `export const B = () => <b>Orylo{' · '}{t('x')}</b>;`)).toEqual([]);
  });

  it('every page and component takes its words from the catalogs', () => {
    const offenders = Object.fromEntries(files.filter((f) => !NOT_YET_TRANSLATED.has(f)).map((f) => [f, hardCodedText(join(ROOT, f))]).filter(([, lines]) => lines.length));
    expect(offenders).toEqual({});
  });

  it('the list of files not yet translated only holds files that still have English in them', () => {
    const done = [...NOT_YET_TRANSLATED].filter((f) => !files.includes(f) || hardCodedText(join(ROOT, f)).length === 0);
    expect(done, 'remove these from NOT_YET_TRANSLATED').toEqual([]);
  });
});
