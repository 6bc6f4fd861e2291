import { describe, expect, it } from 'vitest';
import { buildInvitationEmail, invitationUrl } from './invitation-email';

describe('the invitation e-mail', () => {
  it('says who invited whom to which organization as which role, until when, with the one link', () => {
    const email = buildInvitationEmail({
      baseUrl: 'https://fraud.shop.example/',
      invitationId: 'inv_123',
      to: 'new@shop.example',
      role: 'member',
      organizationName: 'Shop',
      inviter: { name: 'Ada', email: 'ada@shop.example' },
      expiresAt: new Date('2026-12-08T09:30:00Z'),
    });
    expect(email.link).toBe('https://fraud.shop.example/invitations/inv_123');
    expect(email.subject).toBe('Ada invited you to Shop on Orylo');
    expect(email.text).toContain('Ada (ada@shop.example) invited you to join Shop on Orylo as an analyst.');
    expect(email.text).toContain('\nhttps://fraud.shop.example/invitations/inv_123\n');
    expect(email.text).toContain('expires on 2026-12-08 09:30 UTC');
  });

  it('speaks French when the inviter reads French', () => {
    const email = buildInvitationEmail({
      baseUrl: 'https://fraud.shop.example',
      invitationId: 'inv_123',
      to: 'new@shop.example',
      role: 'admin',
      organizationName: 'Boutique',
      inviter: { name: 'Ada', email: 'ada@shop.example' },
      expiresAt: new Date('2026-12-08T09:30:00Z'),
      locale: 'fr',
    });
    expect(email.subject).toBe('Ada vous invite à rejoindre Boutique sur Orylo');
    expect(email.text).toContain('Ada (ada@shop.example) vous invite à rejoindre Boutique sur Orylo en tant qu’administrateur.');
    expect(email.text).toContain('créer un compte avec new@shop.example)\u00a0:');
    expect(email.text).toContain('\nhttps://fraud.shop.example/invitations/inv_123\n');
    expect(email.text).toContain('L’invitation expire le 8 décembre 2026 à 09:30 UTC.');
  });

  it('escapes the id in the link', () => {
    expect(invitationUrl('http://x', 'a/b')).toBe('http://x/invitations/a%2Fb');
  });
});
