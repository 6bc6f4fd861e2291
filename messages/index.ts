import type { TLocale } from '@/lib/format';
import en_common from './en/common.json';
import en_shell from './en/shell.json';
import en_auth from './en/auth.json';
import en_landing from './en/landing.json';
import en_dashboard from './en/dashboard.json';
import en_detection from './en/detection.json';
import en_investigation from './en/investigation.json';
import en_review from './en/review.json';
import en_warRoom from './en/warRoom.json';
import en_attacks from './en/attacks.json';
import en_rules from './en/rules.json';
import en_team from './en/team.json';
import en_apiKeys from './en/apiKeys.json';
import en_webhooks from './en/webhooks.json';
import en_alerts from './en/alerts.json';
import en_stripe from './en/stripe.json';
import en_settings from './en/settings.json';
import en_audit from './en/audit.json';
import en_admin from './en/admin.json';
import en_notifications from './en/notifications.json';
import en_onboarding from './en/onboarding.json';
import en_invitations from './en/invitations.json';
import en_reasons from './en/reasons.json';
import en_errors from './en/errors.json';
import en_email from './en/email.json';
import en_password from './en/password.json';
import en_export from './en/export.json';
import en_alertMessage from './en/alertMessage.json';
import fr_common from './fr/common.json';
import fr_shell from './fr/shell.json';
import fr_auth from './fr/auth.json';
import fr_landing from './fr/landing.json';
import fr_dashboard from './fr/dashboard.json';
import fr_detection from './fr/detection.json';
import fr_investigation from './fr/investigation.json';
import fr_review from './fr/review.json';
import fr_warRoom from './fr/warRoom.json';
import fr_attacks from './fr/attacks.json';
import fr_rules from './fr/rules.json';
import fr_team from './fr/team.json';
import fr_apiKeys from './fr/apiKeys.json';
import fr_webhooks from './fr/webhooks.json';
import fr_alerts from './fr/alerts.json';
import fr_stripe from './fr/stripe.json';
import fr_settings from './fr/settings.json';
import fr_audit from './fr/audit.json';
import fr_admin from './fr/admin.json';
import fr_notifications from './fr/notifications.json';
import fr_onboarding from './fr/onboarding.json';
import fr_invitations from './fr/invitations.json';
import fr_reasons from './fr/reasons.json';
import fr_errors from './fr/errors.json';
import fr_email from './fr/email.json';
import fr_password from './fr/password.json';
import fr_export from './fr/export.json';
import fr_alertMessage from './fr/alertMessage.json';

// One catalog per language, one file per part of the product: each part's
// strings live beside each other and two people translating two parts never
// edit the same file. English is the reference: its shape types every key
// (global.d.ts), and tests/i18n/catalogs.test.ts checks French has the same.
const en = {
  common: en_common,
  shell: en_shell,
  auth: en_auth,
  landing: en_landing,
  dashboard: en_dashboard,
  detection: en_detection,
  investigation: en_investigation,
  review: en_review,
  warRoom: en_warRoom,
  attacks: en_attacks,
  rules: en_rules,
  team: en_team,
  apiKeys: en_apiKeys,
  webhooks: en_webhooks,
  alerts: en_alerts,
  stripe: en_stripe,
  settings: en_settings,
  audit: en_audit,
  admin: en_admin,
  notifications: en_notifications,
  onboarding: en_onboarding,
  invitations: en_invitations,
  reasons: en_reasons,
  errors: en_errors,
  email: en_email,
  password: en_password,
  export: en_export,
  alertMessage: en_alertMessage,
};
const fr = {
  common: fr_common,
  shell: fr_shell,
  auth: fr_auth,
  landing: fr_landing,
  dashboard: fr_dashboard,
  detection: fr_detection,
  investigation: fr_investigation,
  review: fr_review,
  warRoom: fr_warRoom,
  attacks: fr_attacks,
  rules: fr_rules,
  team: fr_team,
  apiKeys: fr_apiKeys,
  webhooks: fr_webhooks,
  alerts: fr_alerts,
  stripe: fr_stripe,
  settings: fr_settings,
  audit: fr_audit,
  admin: fr_admin,
  notifications: fr_notifications,
  onboarding: fr_onboarding,
  invitations: fr_invitations,
  reasons: fr_reasons,
  errors: fr_errors,
  email: fr_email,
  password: fr_password,
  export: fr_export,
  alertMessage: fr_alertMessage,
};

export type TMessages = typeof en;

const CATALOGS: Record<TLocale, TMessages> = { en, fr: fr as TMessages };

export const messagesFor = (locale: TLocale): TMessages => CATALOGS[locale];

export const catalogs = CATALOGS;
