// The organization's team: who may change it (rules), what the settings page
// and the invitation page read, and the invitation e-mail.
export * from './rules';
export * from './team';
export * from './invitation-email';
