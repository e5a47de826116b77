import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = { to: string[]; from: string; subject: string; text: string };

/**
 * A real SMTP server on loopback that keeps every message it receives, parsed;
 * the portal sends to it through nodemailer exactly as to a mail provider.
 */
export async function startSmtpSink(
  options: { port?: number; onMessage?: (mail: ReceivedMail) => void } = {},
): Promise<{
  url: string;
  messages: ReceivedMail[];
  next: (to: string) => Promise<ReceivedMail>;
  stop: () => Promise<void>;
}> {
  const messages: ReceivedMail[] = [];
  const waiting: { to: string; resolve: (mail: ReceivedMail) => void }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          const mail: ReceivedMail = {
            to: session.envelope.rcptTo.map((r) => r.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
          };
          messages.push(mail);
          options.onMessage?.(mail);
          for (const w of waiting.filter((w) => mail.to.includes(w.to))) {
            waiting.splice(waiting.indexOf(w), 1);
            w.resolve(mail);
          }
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    // The message sent to `to`: already received, or the next one to arrive.
    next: (to) =>
      new Promise((resolve) => {
        const found = messages.find((m) => m.to.includes(to));
        if (found) resolve(found);
        else waiting.push({ to, resolve });
      }),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
