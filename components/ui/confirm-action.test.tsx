import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ConfirmAction } from './confirm-action';

// The markup of each step (no DOM here: clicks are the tables' e2e business).

const props = {
  verb: 'Revoke',
  pendingLabel: 'Revoking…',
  warning: 'Requests with it will fail.',
  onAsk: () => {},
  onCancel: () => {},
  onConfirm: () => {},
  testIds: { ask: 'revoke-api-key', confirm: 'confirm-revoke' },
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('ConfirmAction', () => {
  it('first only asks', () => {
    const html = renderToStaticMarkup(<ConfirmAction {...props} confirming={false} pending={false} />);
    expect(text(html)).toBe('Revoke…');
    expect(html).toContain('data-testid="revoke-api-key"');
  });

  it('then says what breaks, and offers to confirm or cancel', () => {
    const html = renderToStaticMarkup(<ConfirmAction {...props} confirming pending={false} />);
    expect(text(html)).toBe('Requests with it will fail. Revoke Cancel');
    expect(html).toContain('data-testid="confirm-revoke"');
  });

  it('cannot be confirmed twice while the action runs', () => {
    const html = renderToStaticMarkup(<ConfirmAction {...props} confirming pending />);
    expect(text(html)).toBe('Requests with it will fail. Revoking… Cancel');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="confirm-revoke"/);
  });
});
