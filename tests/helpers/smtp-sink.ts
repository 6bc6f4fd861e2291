import fs from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { freePort } from './tcp-proxy';

export type TSunkEmail = { to: string[]; raw: string; text: string };

/** Undoes quoted-printable (soft line breaks and =XX escapes): what nodemailer uses for long lines. */
/** Quoted-printable to text: the =XX escapes are the bytes of UTF-8 (a French "é" is =C3=A9), decoded as such. */
function decodeQuotedPrintable(raw: string): string {
  const unwrapped = raw.replace(/=\r?\n/g, '');
  return unwrapped.replace(/(?:=[0-9A-F]{2})+/g, (run) => Buffer.from(run.replace(/=/g, ''), 'hex').toString('utf8'));
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
