// Orylo's outgoing e-mail: SMTP_URL through nodemailer, or the server log.
export { sendEmail, type TEmail } from './send';
