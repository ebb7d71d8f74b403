/**
 * Delivers the notification outbox: messages queued by dunning steps in their transaction are sent
 * here, after the fact, so a crash never loses one (it stays queued) and a retry never queues two.
 * Any number of workers deliver at once: each sends only what it claimed (src/store/outbox-store.ts),
 * and a message is marked sent only after its sender accepted it. A resend after a crash between
 * the two carries the same Message-ID, so the receiving side can recognise it.
 *
 * Texts are rendered just before each send, from the values read then (message-texts.ts); they
 * are handed to the sender and kept nowhere.
 */
import type { Database } from '../store/database';
import { randomUUID } from 'node:crypto';
import { retryDelay, runInRounds, type DeliveryLoop, type DeliveryPolicy } from '../outbox/delivery-rounds';
import {
  claimDueMessages,
  expireMessages,
  markMessageFailed,
  markMessageSent,
  noteUnsendableChannels,
  renewClaim,
} from '../store/outbox-store';
import { readMessageValues } from '../store/message-values-store';
import { genericTexts, type MessageTexts } from './message-texts';
import type { Notification, NotificationSender } from './senders';

export type Senders = Partial<Record<Notification['channel'], NotificationSender>>;

export const defaultDeliveryPolicy: DeliveryPolicy = {
  batch: 20,
  leaseMs: 60_000,
  firstRetryMs: 30_000,
  maxRetryMs: 60 * 60_000,
  horizonMs: 3 * 86_400_000,
};

/**
 * Sends up to one batch of due messages per channel that has a sender, the channels side by side (a
 * slow or hanging channel never holds up another); returns how many were sent. Stops early, between
 * messages, when `signal` aborts. `texts` renders each message (the service renders from the rules
 * in use: `textsFromRules`); without it, messages carry the generic text.
 */
export async function deliverOutbox(
  db: Database,
  senders: Senders,
  policy: Partial<DeliveryPolicy> = {},
  signal?: AbortSignal,
  texts: MessageTexts = genericTexts,
): Promise<number> {
  return (await deliverRound(db, senders, { ...defaultDeliveryPolicy, ...policy }, texts, signal)).sent;
}

/** One round: the messages sent, and whether some channel claimed a full batch (more may be due). */
async function deliverRound(db: Database, senders: Senders, settings: DeliveryPolicy, texts: MessageTexts, signal?: AbortSignal) {
  const channels = (Object.keys(senders) as Array<Notification['channel']>).filter((channel) => senders[channel]);
  await expireMessages(db, settings.horizonMs);
  await noteUnsendableChannels(db, channels);
  const rounds = await Promise.all(channels.map((channel) => deliverChannel(db, channel, senders[channel]!, settings, texts, signal)));
  return { sent: rounds.reduce((total, round) => total + round.sent, 0), full: rounds.some((round) => round.full) };
}

async function deliverChannel(
  db: Database,
  channel: Notification['channel'],
  sender: NotificationSender,
  policy: DeliveryPolicy,
  texts: MessageTexts,
  signal?: AbortSignal,
): Promise<{ sent: number; full: boolean }> {
  const token = randomUUID();
  const claimed = await claimDueMessages(db, channel, policy.batch, policy.leaseMs, token);
  let sent = 0;
  for (const message of claimed) {
    // A claim is renewed just before each send, so a batch slower than the lease is never sent twice.
    if (signal?.aborted || !(await renewClaim(db, message.id, token, policy.leaseMs))) continue;
    const failed = (reason: string) =>
      markMessageFailed(db, message.id, token, {
        reason,
        retryInMs: retryDelay(message.attempts + 1, policy),
        dead: Date.now() - message.queuedAt.getTime() >= policy.horizonMs,
      });
    if (!message.to) {
      await failed(`the customer has no ${message.channel === 'email' ? 'email address' : 'phone number'}`);
      continue;
    }
    try {
      // Read now, by id: the name and the amounts as they are at the moment of sending.
      const { subject, text } = texts(message, await readMessageValues(db, message.customerId, message.invoiceId));
      await sender.send({
        id: message.id,
        channel: message.channel,
        template: message.template,
        to: message.to,
        invoiceId: message.invoiceId,
        subject,
        text,
      });
    } catch (error) {
      await failed(withoutAddresses((error as Error).message).slice(0, 500));
      continue;
    }
    await markMessageSent(db, message.id, token);
    sent++;
  }
  return { sent, full: claimed.length === policy.batch };
}

/**
 * Delivers the outbox in rounds, `intervalMs` apart (at once while rounds come back full), until stopped. `stop()`
 * lets the message being sent finish and leaves the rest claimed until their lease lapses.
 */
export function startOutboxDelivery(
  db: Database,
  senders: Senders,
  intervalMs = 1_000,
  onError: (error: unknown) => void = () => {},
  policy: Partial<DeliveryPolicy> = {},
  texts: MessageTexts = genericTexts,
): DeliveryLoop {
  const settings = { ...defaultDeliveryPolicy, ...policy };
  return runInRounds((signal) => deliverRound(db, senders, settings, texts, signal), intervalMs, onError);
}

/** A mail server's refusal often quotes the recipient ("550 <name@example.com>: unknown"); the outbox keeps the reason, not the address. */
export function withoutAddresses(message: string): string {
  return message.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '<address>');
}
