// An incremental text/event-stream parser (the WHATWG rules the browser's
// EventSource follows): fields `data`, `id`, `event`, `retry`; a blank line
// dispatches; comments (":") are ignored; CRLF, CR and LF all end a line.

export type TSseMessage = { data: string; id?: string; event: string };

export type TSseParser = {
  /** Feeds decoded text; calls back for each complete message and each retry hint. */
  push(text: string): void;
};

export function createSseParser(onMessage: (message: TSseMessage) => void, onRetry?: (ms: number) => void): TSseParser {
  let buffer = '';
  let data: string[] = [];
  let id: string | undefined;
  let event = '';

  const dispatch = () => {
    if (data.length > 0) onMessage({ data: data.join('\n'), id, event: event || 'message' });
    data = [];
    event = '';
    id = undefined;
  };

  const line = (text: string) => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') data.push(value);
    else if (field === 'id' && !value.includes('\0')) id = value;
    else if (field === 'event') event = value;
    else if (field === 'retry' && /^\d+$/.test(value)) onRetry?.(Number(value));
  };

  return {
    push(text) {
      buffer += text;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        // A lone CR at the end may be the first half of CRLF: wait for more.
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) return;
        line(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
  };
}
