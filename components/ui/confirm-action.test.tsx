import { NextIntlClientProvider } from 'next-intl';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '@/messages';
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
const render = (node: ReactNode, locale: 'en' | 'fr' = 'en') =>
  renderToStaticMarkup(
    <NextIntlClientProvider locale={locale} messages={messagesFor(locale)}>
      {node}
    </NextIntlClientProvider>,
  );
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();

describe('ConfirmAction', () => {
  it('first only asks', () => {
    const html = render(<ConfirmAction {...props} confirming={false} pending={false} />);
    expect(text(html)).toBe('Revoke…');
    expect(html).toContain('data-testid="revoke-api-key"');
  });

  it('then says what breaks, and offers to confirm or cancel', () => {
    const html = render(<ConfirmAction {...props} confirming pending={false} />);
    expect(text(html)).toBe('Requests with it will fail. Revoke Cancel');
    expect(html).toContain('data-testid="confirm-revoke"');
  });

  it('cannot be confirmed twice while the action runs', () => {
    const html = render(<ConfirmAction {...props} confirming pending />);
    expect(text(html)).toBe('Requests with it will fail. Revoking… Cancel');
    expect(html).toMatch(/<button[^>]*disabled=""[^>]*data-testid="confirm-revoke"/);
  });

  it('says Cancel in the reader’s language', () => {
    expect(text(render(<ConfirmAction {...props} confirming pending={false} />, 'fr'))).toBe('Requests with it will fail. Revoke Annuler');
  });
});
