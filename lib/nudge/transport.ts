// What the bus needs from a way to reach the other instances. The local
// (in-process) delivery is not one of these: it is synchronous and always on.

export type TSubscription = {
  /** Settles when the messages are being received (tests wait on it; nothing else has to). */
  ready: Promise<void>;
  /** Stops receiving and lets go of the connection it held. */
  stop(): Promise<void>;
};

export type TNudgeTransport = {
  readonly name: 'postgres' | 'redis';
  /** Sends one message to every instance, this one included. Rejects on failure. */
  publish(message: string): Promise<void>;
  subscribe(onMessage: (message: string) => void): TSubscription;
};
