// The wire contract of GET /api/v1/events, shared by the server's encoder and
// the browser's client: the events, the cursor codec and the heartbeat contract.
export * from './cursor';
export * from './events';
export * from './heartbeat';
