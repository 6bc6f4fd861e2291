// Outcomes: what happened to a payment after it was scored, and the label it gives the detection.
export * from './schema';
export * from './label';
export * from './parse';
export * from './record';
