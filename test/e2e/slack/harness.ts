import pino from "pino";
import { type RunningSlack, startSlack } from "../../../src/adapters/slack/index.ts";
import { TEST_RETRY } from "../../../src/adapters/slack/retry.ts";
import type { Tutor } from "../../../src/core/tutor-api.ts";
import { HttpTransport, SlackDriver, type SlackTransport, SocketTransport } from "./driver.ts";
import { SlackEmulator } from "./emulator.ts";

export const SIGNING_SECRET = "e2e-signing-secret";

export interface LogLine {
  level: number;
  msg: string;
}

/** The real app (startSlack) wired to the emulator, with warn+ log lines captured. */
export interface Harness {
  emulator: SlackEmulator;
  driver: SlackDriver;
  http?: HttpTransport;
  logs: LogLine[];
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A tutor, or one with a store to close when the app stops (the real tutor). */
export type TutorSource = Tutor | { tutor: Tutor; close?: () => Promise<void> | void };

export async function startHarness(options: {
  makeTutor: () => TutorSource | Promise<TutorSource>;
  socket?: boolean;
  fileProcessingMs?: number | "manual";
}): Promise<Harness> {
  const emulator = await SlackEmulator.start(
    options.fileProcessingMs === undefined ? {} : { fileProcessingMs: options.fileProcessingMs },
  );
  const logs: LogLine[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => logs.push(JSON.parse(line) as LogLine) });
  let port = 0;
  let closeTutor: () => Promise<void> | void = () => {};
  const start = async (): Promise<RunningSlack> => {
    const source = await options.makeTutor();
    const tutor = "tutor" in source ? source.tutor : source;
    closeTutor = "tutor" in source ? () => source.close?.() : () => {};
    return startSlack({
      botToken: emulator.botToken,
      ...(options.socket ? { appToken: emulator.appToken } : { signingSecret: SIGNING_SECRET }),
      port,
      host: "127.0.0.1",
      apiUrl: emulator.apiUrl,
      tutor,
      logger,
      retryConfig: TEST_RETRY,
    });
  };
  let running = await start();
  port = running.port ?? 0;
  const http = options.socket
    ? undefined
    : new HttpTransport(`http://127.0.0.1:${port}/slack/events`, SIGNING_SECRET);
  const transport: SlackTransport = http ?? new SocketTransport(emulator);
  return {
    emulator,
    driver: new SlackDriver(emulator, transport),
    ...(http && { http }),
    logs,
    async restart() {
      await running.stop();
      await closeTutor();
      running = await start();
    },
    async stop() {
      await running.stop();
      await closeTutor();
      await emulator.stop();
    },
  };
}
