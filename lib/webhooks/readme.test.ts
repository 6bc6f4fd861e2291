import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { VERIFY_SNIPPET } from './verify-snippet';

describe('the verification snippet', () => {
  it('is the same in the README as the one the page shows and the tests run', () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, '../../README.md'), 'utf8');
    expect(readme).toContain('```js\n' + VERIFY_SNIPPET + '```');
  });
});
