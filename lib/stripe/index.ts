// Stripe: the org's webhook signing secret, and Stripe's signed events turned into outcomes (README, "Stripe").
export * from './schema';
export * from './event';
export * from './settings';
export * from './verify';
export * from './record';
