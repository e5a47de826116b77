import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import { LOG_LEVELS } from "../env";
import { readableLogStream } from "./readable-log";
import { processState } from "./process-state";

// Structured logs: one JSON line an event, with the id of the request it
// happened in (server.ts runs each request in `withRequestId`). Errors and
// worse go to stderr, the rest to stdout, as console.error/log did. Written
// synchronously, so a line logged just before process.exit is not lost.
// One per process (../runtime/process-state.ts): the Next.js layers and
// server.ts must share one request context.

type Logging = {
  logger: Logger;
  requests: AsyncLocalStorage<{ requestId: string }>;
  /** One child logger per component, made once. */
  components: Map<string, Logger>;
};

/** LOG_LEVEL, or "info" ("warn" under tests, whose hubs and buffers would fill the output). */
function levelFromEnv(): string {
  const wanted = process.env.LOG_LEVEL;
  if (wanted && (LOG_LEVELS as readonly string[]).includes(wanted)) return wanted;
  return process.env.NODE_ENV === "test" ? "warn" : "info";
}

/** A logger writing to `destination` (default: stdout, and stderr for errors), in `requests`' context. */
export function createLogger(
  requests: AsyncLocalStorage<{ requestId: string }>,
  options: { level?: string; destination?: DestinationStream } = {},
): Logger {
  // In development on a terminal, lines a person reads; anywhere else, JSON for a log collector.
  const isReadable = (process.env.NODE_ENV ?? "development") === "development" && process.stdout.isTTY;
  const destination =
    options.destination ??
    pino.multistream(
      [
        {
          level: "trace",
          stream: isReadable ? readableLogStream(process.stdout) : pino.destination({ dest: 1, sync: true }),
        },
        {
          level: "error",
          stream: isReadable ? readableLogStream(process.stderr) : pino.destination({ dest: 2, sync: true }),
        },
      ],
      { dedupe: true },
    );
  return pino(
    {
      level: options.level ?? levelFromEnv(),
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin: () => {
        const context = requests.getStore();
        return context ? { requestId: context.requestId } : {};
      },
    },
    destination,
  );
}

function logging(): Logging {
  return processState("logging", () => {
    const requests = new AsyncLocalStorage<{ requestId: string }>();
    return { requests, logger: createLogger(requests), components: new Map<string, Logger>() };
  });
}

/** The process's logger; `component` names the part of the portal a line comes from (hub, relay, ...). */
export function logger(component?: string): Logger {
  const { logger: root, components } = logging();
  if (!component) return root;
  let child = components.get(component);
  if (!child) components.set(component, (child = root.child({ component })));
  return child;
}

/** Runs `work` as part of request `requestId`: every line logged meanwhile carries it. */
export function withRequestId<T>(requestId: string, work: () => T): T {
  return logging().requests.run({ requestId }, work);
}

/** The id of the request being handled, if any (to pass on to calls the portal makes for it). */
export function currentRequestId(): string | undefined {
  return logging().requests.getStore()?.requestId;
}
