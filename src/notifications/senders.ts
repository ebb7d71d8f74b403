/**
 * Senders of queued notifications, one per channel. Email goes over SMTP (nodemailer), SMS through an
 * HTTP gateway; a channel without a configured sender keeps its messages queued with the reason.
 * They send the texts rendered for them (message-texts.ts) as plain text.
 */
import nodemailer from 'nodemailer';

export interface Notification {
  id: string;
  channel: 'email' | 'sms';
  template: string;
  /** The customer's email address or phone number, read when sending, never stored in the outbox. */
  to: string;
  invoiceId: string | null;
  /** The email's subject, rendered from the template when sending (empty for SMS). */
  subject: string;
  /** The email's body or the SMS, rendered from the template when sending, never stored. */
  text: string;
}

export interface NotificationSender {
  send(notification: Notification): Promise<void>;
}

/** Email over SMTP. `url` like smtp://user:pass@mail.example:587. */
export function smtpSender(url: string, from: string): NotificationSender & { close(): void } {
  const transport = nodemailer.createTransport(withSendTimeouts(url));
  return {
    async send(notification) {
      await transport.sendMail({
        from,
        to: notification.to,
        subject: notification.subject,
        text: notification.text,
        // The same message sent again (a worker died between sending and recording it) keeps its id.
        messageId: messageIdOf(notification.id),
        headers: { 'X-Rulebook-Notification': notification.id },
      });
    },
    close: () => transport.close(),
  };
}

/**
 * A send must end well within the outbox claim's lease (1 minute): nodemailer waits up to 10 minutes
 * on a silent server by default. Timeouts given in the URL's query are kept.
 */
function withSendTimeouts(url: string): string {
  const parsed = new URL(url);
  for (const [name, ms] of [
    ['connectionTimeout', 10_000],
    ['greetingTimeout', 10_000],
    ['socketTimeout', 30_000],
  ] as const) {
    if (!parsed.searchParams.has(name)) parsed.searchParams.set(name, String(ms));
  }
  return parsed.toString();
}

/** A stable Message-ID for an outbox row (its id is e.g. "INV-9:first-reminder"). */
export function messageIdOf(outboxId: string): string {
  return `<${Buffer.from(outboxId).toString('base64url')}@rulebook.outbox>`;
}

/**
 * SMS through an HTTP gateway: one POST per message, JSON
 * `{"messageId", "to", "text", "template", "invoiceId"}` (`text`: the message, rendered from its
 * template), with `Authorization: Bearer <token>` when a token
 * is set. Any 2xx means the gateway took the message; anything else (or no answer within
 * `timeoutMs`) is a failed attempt, retried by the outbox. The same messageId on a resend lets the
 * gateway drop the duplicate.
 */
export function httpSmsSender(url: string, options: { token?: string; timeoutMs?: number } = {}): NotificationSender {
  return {
    async send(notification) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.token && { authorization: `Bearer ${options.token}` }) },
        body: JSON.stringify({
          messageId: notification.id,
          to: notification.to,
          text: notification.text,
          template: notification.template,
          invoiceId: notification.invoiceId,
        }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      // The gateway's own words, without anything it may echo of the number.
      if (!response.ok) throw new Error(`the SMS gateway answered ${response.status} ${response.statusText}`.trim());
      await response.body?.cancel();
    },
  };
}
