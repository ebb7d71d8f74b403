/**
 * A load generator of mixed Rulebook traffic, shared by bench/mixed-load.bench.ts and
 * bench/crash.bench.ts.
 *
 * `clients` concurrent clients (async loops over fetch, keep-alive) each send, back to back, what a
 * shop, an order system and a billing system send: new customers, returns (by customer id or by
 * the customer's email), COD orders and — a few seconds later — their delivery, cancellation or
 * return to origin, card/UPI orders (half of them delivered later), invoices (overdue ones, whose
 * reminders are all due at once, and current ones) and — later — payments (current invoices are
 * paid in full, sometimes in two parts; overdue ones sometimes, fully or partly). Each client has
 * its own seeded pseudo-random sequence and its own customers, so a run sends the same operations
 * whatever the timing (except COD orders the limit refuses).
 *
 * Every id is made by the client, so an operation whose answer was lost (connection refused or
 * reset, timeout, 5xx, 429) is sent again with the same id and body until it gets a 2xx: the API is
 * idempotent by id. A COD order over the customer's available limit (422 cod-refused) is an
 * expected refusal; any other 4xx is an error and ends the operation. Each operation ends in the
 * ledger: accepted or not, attempts, the latency of its 2xx answer, its phase (and for a COD order,
 * what its answer named as watching the hold).
 *
 * Phases: `setup` (each client creates its first customers), `warmup`, `measured`, then `drain`:
 * the follow-ups still scheduled (deliveries, payments) are sent at once, so that every COD hold
 * settles and every current invoice is paid — their workflows can then all complete.
 */
import { addMonths } from '../../src/rules/derive-facts';
import { seededRandom } from '../bench-support';

export type OperationKind = 'customer' | 'return' | 'cod-order' | 'order' | 'order-event' | 'invoice' | 'payment';
export const operationKinds: OperationKind[] = ['customer', 'return', 'cod-order', 'order', 'order-event', 'invoice', 'payment'];

export type Phase = 'setup' | 'warmup' | 'measured' | 'drain';

/** One logical operation: a POST that is repeated, same id and body, until it is answered. */
export interface Operation {
  kind: OperationKind;
  /** The id of the thing it records (customer, return, order, order event, invoice or payment). */
  id: string;
  path: string;
  body: Record<string, unknown>;
}

/** How an operation ended, as kept in the ledger. */
export interface OperationRecord extends Operation {
  /** accepted: a 2xx; refused: an expected 4xx (COD limit); failed: another 4xx, or given up. */
  result: 'accepted' | 'refused' | 'failed';
  /** The final HTTP status, if any answer came. */
  status?: number;
  attempts: number;
  phase: Phase;
  /** Epoch ms when the operation was first sent and when it ended. */
  startedAt: number;
  endedAt: number;
  /** Latency of the answer that ended it (ms). */
  latencyMs?: number;
  /** Why it was refused or failed (status and the problem's first 200 characters). */
  problem?: string;
  /**
   * What the 2xx answer of an accepted COD order said of its hold (the fields a check reads of it):
   * the workflow watching the hold and the hold's due moment. Absent for other kinds, and for an
   * operation that committed without an answer (bench/load/unanswered-operations.ts).
   */
  answer?: CodHoldAnswer;
}

/** The fields of a COD order's answer that name what watches its hold (as answered: any JSON value). */
export interface CodHoldAnswer {
  codHoldWorkflowId?: unknown;
  codHoldDueAt?: unknown;
}

/** An attempt that got no usable answer and was sent again. */
export interface RetriedAttempt {
  at: number;
  kind: OperationKind;
  reason: string;
}

export interface MixedTrafficOptions {
  apiUrl: string;
  token: string;
  clients: number;
  warmupSeconds: number;
  seconds: number;
  /** Customers each client creates before the warm-up. */
  customersPerClient: number;
  /** The rules' returns window in months: returns are dated so they leave it 1–3 minutes after they are sent. */
  returnsWindowMonths: number;
  seed?: number;
  requestTimeoutMs?: number;
  /** An operation without an answer for this long is given up (and counted as failed). */
  giveUpAfterMs?: number;
}

export interface MixedTrafficRun {
  /** Resolves with the epoch ms at which the measured phase starts. */
  measuring: Promise<number>;
  result: Promise<MixedTrafficResult>;
}

export interface MixedTrafficResult {
  ledger: OperationRecord[];
  retried: RetriedAttempt[];
  /** Epoch ms of each phase's start, and of the end of the drain. */
  phases: Record<Phase | 'end', number>;
}

const second = 1_000;
const day = 86_400_000;
const defaultRequestTimeoutMs = 30 * second;
const defaultGiveUpAfterMs = 10 * 60 * second;
/** Follow-ups (deliveries, payments) come this long after the operation they follow. */
const followUpDelayMs = { min: 2 * second, max: 15 * second };
/** Returns leave the (shortened) returns window this long after they are sent. */
const returnLeavesWindowAfterMs = { min: 60 * second, max: 180 * second };
/** Pause between two attempts of one operation: doubles from the first to the last. */
const retryPauseMs = { first: 100, last: 2 * second };

/** What a client chooses next when no follow-up is due: weights of the new operations. */
const newOperationWeights: Array<[NewOperation, number]> = [
  ['customer', 10],
  ['return', 30],
  ['cod-order', 20],
  ['order', 15],
  ['invoice', 15],
];
type NewOperation = 'customer' | 'return' | 'cod-order' | 'order' | 'invoice';

interface Customer {
  id: string;
  email: string;
}

interface FollowUp {
  dueAt: number;
  operation: Operation;
}

/** Starts the clients; the result resolves after the drain. */
export function startMixedTraffic(options: MixedTrafficOptions): MixedTrafficRun {
  let startMeasuring!: (at: number) => void;
  const measuring = new Promise<number>((resolve) => (startMeasuring = resolve));
  const result = run(options, startMeasuring);
  return { measuring, result };
}

async function run(options: MixedTrafficOptions, startMeasuring: (at: number) => void): Promise<MixedTrafficResult> {
  const ledger: OperationRecord[] = [];
  const retried: RetriedAttempt[] = [];
  const sender = new Sender(options, ledger, retried);
  const clients = Array.from({ length: options.clients }, (_, index) => new Client(index, options, sender));

  const phases = { setup: Date.now() } as MixedTrafficResult['phases'];
  sender.phase = 'setup';
  await Promise.all(clients.map((client) => client.createFirstCustomers()));

  phases.warmup = Date.now();
  sender.phase = 'warmup';
  const measuredAt = phases.warmup + options.warmupSeconds * second;
  const endAt = measuredAt + options.seconds * second;
  const switchToMeasured = setTimeout(() => {
    phases.measured = Date.now();
    sender.phase = 'measured';
    startMeasuring(phases.measured);
  }, options.warmupSeconds * second);
  await Promise.all(clients.map((client) => client.sendUntil(endAt)));
  clearTimeout(switchToMeasured);
  phases.measured ??= measuredAt;

  phases.drain = Date.now();
  sender.phase = 'drain';
  await Promise.all(clients.map((client) => client.drainFollowUps()));
  phases.end = Date.now();
  return { ledger, retried, phases };
}

/** Sends operations, repeating each until it has an answer, and writes the ledger. */
class Sender {
  phase: Phase = 'setup';
  private readonly headers: Record<string, string>;

  constructor(
    private readonly options: MixedTrafficOptions,
    private readonly ledger: OperationRecord[],
    private readonly retried: RetriedAttempt[],
  ) {
    this.headers = { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' };
  }

  async send(operation: Operation, random: () => number): Promise<OperationRecord> {
    const phase = this.phase;
    const startedAt = Date.now();
    const giveUpAt = startedAt + (this.options.giveUpAfterMs ?? defaultGiveUpAfterMs);
    for (let attempts = 1; ; attempts++) {
      const sent = performance.now();
      const answer = await this.attempt(operation);
      const latencyMs = performance.now() - sent;
      const ended = { ...operation, attempts, phase, startedAt, endedAt: Date.now(), latencyMs };
      if ('status' in answer && answer.status >= 200 && answer.status < 300)
        return this.keep({
          ...ended,
          result: 'accepted',
          status: answer.status,
          ...(operation.kind === 'cod-order' && { answer: codHoldAnswer(answer.text) }),
        });
      if ('status' in answer && isFinal(answer.status)) {
        const result = isExpectedRefusal(answer.status, answer.text) ? 'refused' : 'failed';
        return this.keep({ ...ended, result, status: answer.status, problem: `${answer.status} ${answer.text.slice(0, 200)}` });
      }
      const reason = 'status' in answer ? `${answer.status} ${answer.text.slice(0, 120)}` : answer.error;
      this.retried.push({ at: Date.now(), kind: operation.kind, reason });
      if (Date.now() >= giveUpAt)
        return this.keep({ ...ended, result: 'failed', problem: `gave up after ${attempts} attempts: ${reason}` });
      const pause = Math.min(retryPauseMs.last, retryPauseMs.first * 2 ** (attempts - 1));
      await sleep(pause * (0.5 + random()));
    }
  }

  private async attempt(operation: Operation): Promise<{ status: number; text: string } | { error: string }> {
    try {
      const response = await fetch(`${this.options.apiUrl}${operation.path}`, {
        method: 'POST',
        headers: this.headers,
        body: JSON.stringify(operation.body),
        signal: AbortSignal.timeout(this.options.requestTimeoutMs ?? defaultRequestTimeoutMs),
      });
      return { status: response.status, text: await response.text() };
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      return { error: `${(error as Error).name}${cause ? ` ${cause}` : ''}: ${(error as Error).message}`.slice(0, 160) };
    }
  }

  private keep(record: OperationRecord): OperationRecord {
    this.ledger.push(record);
    return record;
  }
}

/** A 4xx other than 429 will not change when repeated. */
function isFinal(status: number): boolean {
  return status >= 400 && status < 500 && status !== 429;
}

/** The hold fields of a COD order's answer; empty when the answer is not a JSON object. */
function codHoldAnswer(text: string): CodHoldAnswer {
  try {
    const body = JSON.parse(text) as unknown;
    if (typeof body !== 'object' || body === null) return {};
    const { codHoldWorkflowId, codHoldDueAt } = body as CodHoldAnswer;
    return { codHoldWorkflowId, codHoldDueAt };
  } catch {
    return {};
  }
}

/** A COD order over the available limit is refused by design. */
function isExpectedRefusal(status: number, text: string): boolean {
  return status === 422 && text.includes('/problems/cod-refused');
}

/** One client: its own random sequence, customers and scheduled follow-ups. */
class Client {
  private readonly random: () => number;
  private readonly customers: Customer[] = [];
  private readonly followUps: FollowUp[] = [];
  private sequence = 0;

  constructor(
    private readonly index: number,
    private readonly options: MixedTrafficOptions,
    private readonly sender: Sender,
  ) {
    this.random = seededRandom((options.seed ?? 1) * 10_007 + index);
  }

  async createFirstCustomers(): Promise<void> {
    for (let count = 0; count < this.options.customersPerClient; count++) await this.perform(this.newCustomer());
  }

  async sendUntil(endAt: number): Promise<void> {
    while (Date.now() < endAt) await this.perform(this.takeDueFollowUp(Date.now()) ?? this.newOperation());
  }

  /** Sends every follow-up still scheduled, and those they schedule, without waiting for their time. */
  async drainFollowUps(): Promise<void> {
    for (let next = this.takeDueFollowUp(Infinity); next; next = this.takeDueFollowUp(Infinity)) await this.perform(next);
  }

  private async perform(operation: Operation): Promise<void> {
    const record = await this.sender.send(operation, this.random);
    if (record.result === 'accepted') this.afterAccepted(operation);
  }

  private takeDueFollowUp(now: number): Operation | undefined {
    const index = this.followUps.findIndex((followUp) => followUp.dueAt <= now);
    return index < 0 ? undefined : this.followUps.splice(index, 1)[0]!.operation;
  }

  private schedule(operation: Operation): void {
    const delay = followUpDelayMs.min + this.random() * (followUpDelayMs.max - followUpDelayMs.min);
    this.followUps.push({ dueAt: Date.now() + delay, operation });
  }

  private newOperation(): Operation {
    if (this.customers.length === 0) return this.newCustomer();
    switch (this.pickWeighted(newOperationWeights)) {
      case 'customer':
        return this.newCustomer();
      case 'return':
        return this.newReturn();
      case 'cod-order':
        return this.newOrder('cod');
      case 'order':
        return this.newOrder(this.random() < 0.5 ? 'card' : 'upi');
      case 'invoice':
        return this.newInvoice();
    }
  }

  /** Remembers customers and schedules what follows an accepted operation. */
  private afterAccepted(operation: Operation): void {
    const body = operation.body;
    if (operation.kind === 'customer') this.customers.push({ id: operation.id, email: body.email as string });
    if (operation.kind === 'cod-order')
      this.schedule(
        this.orderEvent(
          operation.id,
          this.pickWeighted([
            ['delivered', 7],
            ['cancelled', 2],
            ['returned-to-origin', 1],
          ]),
        ),
      );
    if (operation.kind === 'order' && this.random() < 0.5) this.schedule(this.orderEvent(operation.id, 'delivered'));
    if (operation.kind === 'invoice')
      for (const payment of this.paymentsFor(operation.id, body.amount as number, body.dueDate as string)) this.schedule(payment);
  }

  private nextId(prefix: string): string {
    return `${prefix}-${this.index}-${++this.sequence}`;
  }

  private newCustomer(): Operation {
    const id = this.nextId('C');
    // A valid Indian mobile number (+91, then 10 digits starting with 9): the API refuses numbers no country has.
    const phone = `+919${String(this.index).padStart(3, '0')}${String(this.sequence).padStart(6, '0')}`;
    return {
      kind: 'customer',
      id,
      path: '/v1/customers',
      body: { id, email: `${id.toLowerCase()}@bench.example.com`, phone, name: `Bench Customer ${id}` },
    };
  }

  private newReturn(): Operation {
    const id = this.nextId('R');
    const customer = this.pick(this.customers);
    const who = this.random() < 0.8 ? { customerId: customer.id } : { email: customer.email };
    const body = { id, ...who, items: 1 + Math.floor(this.random() * 3), returnedAt: this.returnedAt() };
    return { kind: 'return', id, path: '/v1/returns', body };
  }

  /** A moment such that the return leaves the returns window 1–3 minutes from now (now minus the window, give or take). */
  private returnedAt(): string {
    const leavesAt = new Date(
      Date.now() + returnLeavesWindowAfterMs.min + this.random() * (returnLeavesWindowAfterMs.max - returnLeavesWindowAfterMs.min),
    );
    const months = this.options.returnsWindowMonths;
    const at = addMonths(leavesAt, -months);
    // At the end of a long month, going back and forth by months clamps the day: then a recent return (counted for the whole window).
    if (addMonths(at, months).getTime() !== leavesAt.getTime()) return new Date(Date.now() - day).toISOString();
    return at.toISOString();
  }

  private newOrder(paymentMethod: string): Operation {
    const cod = paymentMethod === 'cod';
    const id = this.nextId(cod ? 'COD' : 'O');
    const value = cod ? 500 + Math.floor(this.random() * 8_500) : 200 + Math.floor(this.random() * 19_800);
    const body = {
      id,
      customerId: this.pick(this.customers).id,
      value,
      currency: 'INR',
      channel: this.random() < 0.3 ? 'pos' : 'storefront',
      paymentMethod,
      items: 1 + Math.floor(this.random() * 5),
      placedAt: new Date().toISOString(),
    };
    return { kind: cod ? 'cod-order' : 'order', id, path: '/v1/orders', body };
  }

  private orderEvent(orderId: string, kind: string): Operation {
    const id = this.nextId('EV');
    return { kind: 'order-event', id, path: `/v1/orders/${orderId}/events`, body: { id, kind, at: new Date().toISOString() } };
  }

  /** Overdue invoices (due 60 days ago: every reminder is due at once) or current ones (due in 30 days). */
  private newInvoice(): Operation {
    const id = this.nextId('INV');
    const overdue = this.random() < 0.5;
    const dueDate = new Date(Date.now() + (overdue ? -60 : 30) * day).toISOString().slice(0, 10);
    const amount = 1_000 + Math.floor(this.random() * 19_000);
    const body = { id, customerId: this.pick(this.customers).id, amount, currency: 'INR', dueDate, issuedAt: new Date().toISOString() };
    return { kind: 'invoice', id, path: '/v1/invoices', body };
  }

  /** Current invoices: paid in full, a third of them in two parts. Overdue ones: a quarter in full, a quarter in part. */
  private paymentsFor(invoiceId: string, amount: number, dueDate: string): Operation[] {
    const overdue = Date.parse(dueDate) < Date.now();
    const draw = this.random();
    const amounts = !overdue
      ? draw < 1 / 3
        ? [Math.floor(amount / 2), amount - Math.floor(amount / 2)]
        : [amount]
      : draw < 0.25
        ? [amount]
        : draw < 0.5
          ? [Math.floor(amount / 3)]
          : [];
    return amounts.map((paid) => {
      const id = this.nextId('P');
      return {
        kind: 'payment',
        id,
        path: `/v1/invoices/${invoiceId}/payments`,
        body: { id, amount: paid, paidAt: new Date().toISOString() },
      };
    });
  }

  private pick<T>(items: T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  private pickWeighted<T>(weights: Array<[T, number]>): T {
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.random() * total;
    for (const [choice, weight] of weights) if ((draw -= weight) < 0) return choice;
    return weights.at(-1)![0];
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
