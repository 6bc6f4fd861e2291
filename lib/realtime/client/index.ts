// The browser's realtime client (see README "Realtime client").
export { browserEnvironment } from './browser-environment';
export { fetchTransport } from './fetch-transport';
export { fetchPoll } from './fetch-poll';
export { DEFAULT_REALTIME_CONFIG, type TRealtimeConfig } from './config';
export { createRealtimeClient } from './realtime-client';
export { createSharedRealtimeClient } from './shared-client';
export * from './types';
