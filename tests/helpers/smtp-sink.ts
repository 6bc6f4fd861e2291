import fs from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { freePort } from './tcp-proxy';

export type TSunkEmail = { to: string[]; raw: string; text: string };

/** Undoes quoted-printable (soft line breaks and =XX escapes): what nodemailer uses for long lines. */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * A real SMTP server on 127.0.0.1 that keeps every message it is given (no TLS,
 * no auth). With `logFile`, each message is also appended to it as one JSON
 * line { to, text }: how a browser test in another process reads its mail.
 */
export async function startSmtpSink(options: { logFile?: string } = {}): Promise<{ url: string; emails: TSunkEmail[]; stop: () => Promise<void> }> {
  const emails: TSunkEmail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const email = { to: session.envelope.rcptTo.map((r) => r.address), raw, text: decodeQuotedPrintable(raw) };
        emails.push(email);
        if (options.logFile) fs.appendFileSync(options.logFile, `${JSON.stringify({ to: email.to, text: email.text })}\n`);
        callback();
      });
    },
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `smtp://127.0.0.1:${port}`, emails, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
