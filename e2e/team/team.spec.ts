import { expect, request as playwrightRequest, test, type Page } from '@playwright/test';
import { createApiKey, linkFromMailbox, newRunId, signUpAndCreateOrg } from '../helpers';

// The team, as a person does it: an owner invites an analyst at
// /settings/team; the invited person opens the invitation link in a browser
// of their own, creates their account on it, accepts and lands on the org's
// dashboard as an analyst; the owner makes them a viewer (the review buttons
// go after a reload) and removes them.

test.describe.configure({ mode: 'serial' });

test('invite, sign up from the link, accept, change the role, remove', async ({ browser, baseURL }) => {
  test.setTimeout(150_000);
  const run = newRunId();
  const owner = await (await browser.newContext()).newPage();
  await signUpAndCreateOrg(owner, 'team', run);
  const orgName = `Org team ${run}`;
  const key = await createApiKey(owner);

  // A payment waiting for review: more than 5 attempts from one IP in 30 minutes.
  const ingest = await playwrightRequest.newContext({ baseURL });
  let reviewId = '';
  for (let i = 0; i < 6; i++) {
    const externalId = `tm_${i}_${run}`;
    const res = await ingest.post('/api/v1/transactions', {
      headers: { Authorization: `Bearer ${key}` },
      data: { externalId, amount: 4_000, currency: 'EUR', ip: '198.51.100.79', email: `buyer${run}@example.com`, card: { fingerprint: `fp_tm${run}`, bin: '411111', last4: '1111' }, authStatus: 'authorized' },
    });
    expect(res.status(), await res.text()).toBe(201);
    if ((await res.json()).detection.decision === 'REVIEW') reviewId = externalId;
  }
  await ingest.dispose();
  expect(reviewId, 'one attempt went to review').not.toBe('');
  const reviewRow = (page: Page) => page.locator(`[data-testid="review-row"][data-external-id="${reviewId}"]`);

  const email = `analyst-${run}@example.com`;
  let invitationId = '';
  await test.step('the owner invites an analyst; the pending invitation is listed', async () => {
    await owner.goto('/settings/team');
    await expect(owner.getByTestId('role-help')).toContainText('analyst: Everything a viewer does, plus reviewing a detection');
    await owner.getByLabel('E-mail').fill(email);
    await owner.getByTestId('invite-role').selectOption('analyst');
    await owner.getByTestId('invite-submit').click();
    const pending = owner.locator(`[data-testid="invitation-row"][data-email="${email}"]`);
    await expect(pending).toContainText('analyst');
    await expect(pending).toContainText(`team-${run}@example.com`);
    invitationId = (await pending.getAttribute('data-invitation-id'))!;
    expect(invitationId).toBeTruthy();
  });

  // The link as the invited person gets it: from the e-mail, through the test server's SMTP sink.
  const link = await linkFromMailbox(email, /^\/invitations\//);
  expect(new URL(link).pathname).toBe(`/invitations/${invitationId}`);

  const member = await (await browser.newContext()).newPage();
  await test.step('the invited person opens the link signed out, creates the account, accepts, lands on the dashboard', async () => {
    await member.goto(link);
    await expect(member.getByTestId('invitation-org')).toHaveText(orgName);
    await expect(member.getByTestId('invitation-role')).toHaveText('an analyst');
    await expect(member.getByLabel('Email')).toHaveValue(email);
    await member.getByLabel('Name', { exact: true }).fill('New Analyst');
    await member.getByLabel('Password').fill('orylo-e2e-password-42');
    await member.getByRole('button', { name: 'Create account' }).click();
    // Back on the same page, signed in with the invited address.
    await member.getByTestId('accept-invitation').click();
    await member.waitForURL('**/dashboard');
    await expect(member.getByTestId('connection-state')).toHaveAttribute('data-state', 'live');
    await member.goto('/review');
    await expect(reviewRow(member).getByTestId('review-approve')).toBeVisible();
  });

  await test.step('the owner sees the member and makes them a viewer', async () => {
    await owner.reload();
    await expect(owner.locator(`[data-testid="invitation-row"][data-email="${email}"]`)).toHaveCount(0);
    const row = owner.locator(`[data-testid="member-row"][data-email="${email}"]`);
    await expect(row).toHaveAttribute('data-role', 'analyst');
    // The owner's own row: no selector, and the reason.
    await expect(owner.locator(`[data-testid="member-row"][data-email="team-${run}@example.com"]`).getByTestId('member-locked')).toContainText('This is you');
    // The only owner cannot leave either.
    await expect(owner.getByTestId('leave-locked')).toContainText('last owner');
    await row.getByTestId('member-role').selectOption('viewer');
    await expect(row).toHaveAttribute('data-role', 'viewer');
  });

  await test.step('after a reload the member has no review buttons and reads the team without controls', async () => {
    await member.reload();
    await expect(reviewRow(member)).toBeVisible();
    await expect(member.getByTestId('review-approve')).toHaveCount(0);
    await member.goto('/settings/team');
    await expect(member.locator(`[data-testid="member-row"][data-email="${email}"]`)).toBeVisible();
    await expect(member.getByTestId('member-role')).toHaveCount(0);
    await expect(member.getByTestId('invite-form')).toHaveCount(0);
    await expect(member.locator('[data-testid="role-note"][data-permission="team.manage"]')).toBeVisible();
  });

  await test.step('the owner removes them; they lose the organization', async () => {
    const row = owner.locator(`[data-testid="member-row"][data-email="${email}"]`);
    await row.getByTestId('remove-member').click();
    await row.getByTestId('confirm-remove-member').click();
    await expect(row).toHaveCount(0);
    await member.goto('/dashboard');
    await member.waitForURL('**/onboarding');
  });

  await owner.context().close();
  await member.context().close();
});
