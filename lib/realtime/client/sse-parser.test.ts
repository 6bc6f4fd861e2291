import { describe, expect, it } from 'vitest';
import { createSseParser, type TSseMessage } from './sse-parser';

function parse(chunks: string[]) {
  const messages: TSseMessage[] = [];
  const retries: number[] = [];
  const parser = createSseParser((m) => messages.push(m), (ms) => retries.push(ms));
  for (const chunk of chunks) parser.push(chunk);
  return { messages, retries };
}

describe('createSseParser', () => {
  it('reads data, id and retry across chunk boundaries', () => {
    const { messages, retries } = parse(['retry: 3000\n\nid: 5-1\nda', 'ta: {"a":1}\n', '\n: comment\n\ndata: x\r\n\r\n']);
    expect(retries).toEqual([3000]);
    expect(messages).toEqual([
      { data: '{"a":1}', id: '5-1', event: 'message' },
      { data: 'x', id: undefined, event: 'message' },
    ]);
  });

  it('joins multi-line data and waits for a complete CRLF', () => {
    const { messages } = parse(['data: a\r', '\ndata: b\r', '\n\r', '\n']);
    expect(messages).toEqual([{ data: 'a\nb', id: undefined, event: 'message' }]);
  });

  it('does not dispatch an incomplete message', () => {
    expect(parse(['data: half']).messages).toEqual([]);
  });
});
