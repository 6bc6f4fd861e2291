// The wire format between instances, the same on every transport:
// "<sender instance id> <org id> <org id> …". One message carries every org
// nudged in a coalescing window; the sender's id lets an instance drop its
// own messages (it already woke its pollers locally).

/** PostgreSQL refuses a NOTIFY payload of 8000 bytes or more; stay clear of it. */
export const MAX_MESSAGE_BYTES = 7_900;

/** One or more messages, each under MAX_MESSAGE_BYTES, carrying every org id once. */
export function encodeNudges(from: string, orgIds: Iterable<string>): string[] {
  const messages: string[] = [];
  let current = from;
  for (const orgId of new Set(orgIds)) {
    // Ids are ASCII (UUIDs and Better Auth ids), so length counts bytes.
    if (current.length + 1 + orgId.length > MAX_MESSAGE_BYTES && current !== from) {
      messages.push(current);
      current = from;
    }
    current += ` ${orgId}`;
  }
  if (current !== from) messages.push(current);
  return messages;
}

export function decodeNudges(message: string): { from: string; orgIds: string[] } {
  const [from = '', ...orgIds] = message.split(' ').filter(Boolean);
  return { from, orgIds };
}
