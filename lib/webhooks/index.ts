// Outbound webhooks (README, "Webhooks"): endpoints, enqueueing inside the
// change's transaction, signed delivery with retries, the delivery log.
export * from './catalog';
export * from './schema';
export * from './endpoints';
export * from './attempts';
export { queueWebhookEvent } from './queue';
export { newWebhookSecret, signatureHeader, SIGNATURE_HEADER, EVENT_ID_HEADER } from './signature';
export { VERIFY_SNIPPET } from './verify-snippet';
export { pruneWebhookLog } from './prune';
