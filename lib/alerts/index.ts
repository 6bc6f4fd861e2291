// Alerts (README, "Alerts"): Slack and e-mail channels told when a
// card-testing incident starts and ends, and when reviews pile up.
export * from './schema';
export { findAlertChannels, findChannelAlerts, createAlertChannel, updateAlertChannel, deleteAlertChannel, checkAlertTarget, maskTarget } from './channels';
export { getAlertSettings, updateAlertSettings } from './settings';
export { alertOnIncident, sendIncidentAlerts } from './incidents';
export { checkReviewBacklog, runBacklogChecks, startAlertChecks } from './backlog';
export { sendTestAlert } from './test-send';
export * from './messages';
