// The code merchants copy to verify Orylo's signatures, as text: shown on
// /settings/webhooks and in the README, and run by the tests
// (tests/webhooks) to verify every delivery they receive, so the snippet a
// merchant copies is the one proven to work. Plain CommonJS, Node ≥ 16, no
// dependencies. Keep it byte-for-byte in README.md ("Webhooks"); a test checks.

export const VERIFY_SNIPPET = `const { createHmac, timingSafeEqual } = require('node:crypto');

// rawBody: the request body exactly as received (string or Buffer), before
// any JSON parsing. header: the Orylo-Signature header. secret: the
// endpoint's signing secret (whsec_…), used as is. True when one of the
// header's v1= signatures matches and its time is within the tolerance.
function verifyOryloSignature(rawBody, header, secret, toleranceSeconds = 300) {
  let timestamp = NaN;
  const signatures = [];
  for (const part of String(header || '').split(',')) {
    const [key, value] = part.trim().split('=');
    if (key === 't') timestamp = Number(value);
    else if (key === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (!Number.isInteger(timestamp) || signatures.length === 0) return false;
  if (Math.abs(Date.now() / 1000 - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(timestamp + '.').update(rawBody).digest();
  return signatures.some((given) => timingSafeEqual(given, expected));
}

module.exports = { verifyOryloSignature };
`;
