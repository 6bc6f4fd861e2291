import type { Transporter } from 'nodemailer';
import { env } from '@/lib/env';
import { logger } from '@/lib/logger';
import { processState } from '@/lib/process-state';

export type TEmail = { to: string; subject: string; text: string; /** The one link the e-mail is about (verification, invitation), logged when there is no SMTP server. */ link?: string };

/** One SMTP transport per process, made on first use (nodemailer pools nothing by default: fine for our volume). */
async function transport(url: string): Promise<Transporter> {
  return processState(`email.transport:${url}`, async () => {
    const { createTransport } = await import('nodemailer');
    return createTransport(url);
  });
}

/**
 * Sends an e-mail through SMTP_URL. Without it, the e-mail is one info line
 * in the server log ({"msg":"email","to","subject","link"}), so a self-hoster
 * without a mail server (and a test) can still follow the link.
 */
export async function sendEmail(email: TEmail): Promise<void> {
  const e = env();
  if (!e.SMTP_URL) {
    logger().info({ to: email.to, subject: email.subject, link: email.link }, 'email');
    return;
  }
  const mailer = await transport(e.SMTP_URL);
  await mailer.sendMail({ from: e.MAIL_FROM, to: email.to, subject: email.subject, text: email.text });
  logger().info({ to: email.to, subject: email.subject }, 'email sent');
}
