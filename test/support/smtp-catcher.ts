import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  mail: ParsedMail;
  raw: Buffer;
}

/**
 * A real SMTP server on loopback for tests: it accepts what the worker sends and parses it
 * back with mailparser. It can refuse recipients with a temporary error, to exercise retries.
 */
export class SmtpCatcher {
  readonly received: CaughtMail[] = [];
  /** Recipients refused with 451, and how many more times (Infinity: until cleared). */
  private readonly refusals = new Map<string, number>();

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<SmtpCatcher> {
    let catcher: SmtpCatcher | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, callback) {
        const recipient = address.address.toLowerCase();
        const left = catcher?.refusals.get(recipient) ?? 0;
        if (left > 0) {
          catcher?.refusals.set(recipient, left - 1);
          const error = Object.assign(new Error('mailbox busy, try again later'), {
            responseCode: 451,
          });
          return callback(error);
        }
        callback();
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          simpleParser(raw)
            .then((mail) => {
              catcher?.received.push({
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
                mail,
                raw,
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.server.address() as AddressInfo;
    catcher = new SmtpCatcher(server, `smtp://127.0.0.1:${port}`);
    return catcher;
  }

  /** Refuses this recipient temporarily (451) the next `times` times. */
  refuse(recipient: string, times = Infinity): void {
    this.refusals.set(recipient.toLowerCase(), times);
  }

  accept(recipient: string): void {
    this.refusals.delete(recipient.toLowerCase());
  }

  to(recipient: string): CaughtMail[] {
    return this.received.filter((caught) => caught.to.includes(recipient.toLowerCase()));
  }

  /** Waits until `count` messages match, then returns them (or what there is at the deadline). */
  async waitFor(
    match: (caught: CaughtMail) => boolean,
    count = 1,
    timeoutMs = 20_000,
  ): Promise<CaughtMail[]> {
    const deadline = Date.now() + timeoutMs;
    let found = this.received.filter(match);
    while (found.length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      found = this.received.filter(match);
    }
    return found;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
