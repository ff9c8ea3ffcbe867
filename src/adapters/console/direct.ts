import type { Writable } from "node:stream";
import type { DirectMessenger } from "../../core/practice/reminders.ts";
import { formatReply } from "./format.ts";

/** The terminal's "direct message": the reply printed (one student at one keyboard). */
export function consoleDirectMessenger(output: Writable = process.stdout): DirectMessenger {
  return {
    async send(_who, reply) {
      output.write(`${formatReply(reply, []).text}\n\n`);
      return "sent";
    },
  };
}
