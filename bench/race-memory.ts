// Race memory and bounds through the real bot process (`node --import tsx src/main.ts`, production
// defaults: one render worker) and the local Discord emulator:
// 1. 20 different races in a row by one student: the bot's RSS before the first, after each, and
//    once the render worker has idled out.
// 2. One student floods /race (several at once, again and again) while a class takes quizzes by
//    button: click latency percentiles, and how the flood's races were answered.
import { readFileSync } from "node:fs";
import { RACE_STILL_RUNNING, RENDER_WORKER_IDLE_MS, RENDERER_BUSY } from "../src/core/render/index.ts";
import type { BotProcess } from "../test/e2e/load/bot-process.ts";
import { LOAD_QUIZZES, LoadHarness } from "../test/e2e/load/harness.ts";
import { makeStudents, type Student, sleep } from "../test/e2e/load/students.ts";

const RACES = 20;
/** Students taking a quiz during the flood, and how long each may think before a click. */
const CLASS_SIZE = 40;
const THINK_MS = 1_000;
/** Races the flooding student sends at once, each round. */
const FLOOD_BURST = 4;

/** The bot's resident memory now, in MiB (VmRSS). */
function rssMiB(bot: BotProcess): number {
  const status = readFileSync(`/proc/${bot.pid}/status`, "utf8");
  return Math.round(Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0) / 102.4) / 10;
}

/** Runs /race as `student` and returns the answer's text (title and description). */
async function race(harness: LoadHarness, student: Student, lr: number, steps = 200): Promise<string> {
  const handle = harness.emulator.command({
    user: student.user,
    name: "race",
    options: { function: "rosenbrock", optimizers: "gd,adam", lr, steps },
    guildId: student.guildId,
  });
  const outcome = await handle.outcome;
  if (outcome.kind !== "message") throw new Error(`/race answered ${JSON.stringify(outcome)}`);
  const message = harness.emulator.messages.get(outcome.messageId)?.api;
  const embed = message?.embeds[0];
  return [message?.content, embed?.title, embed?.description].filter(Boolean).join("\n");
}

async function raceMemory(harness: LoadHarness, bot: BotProcess, racer: Student) {
  // Let start-up (content check, image warm-up) finish before the baseline.
  await sleep(3_000);
  const beforeMiB = rssMiB(bot);
  const afterEachMiB: number[] = [];
  for (let i = 0; i < RACES; i++) {
    const text = await race(harness, racer, 0.0005 * (i + 1));
    if (!text.includes("Race on")) throw new Error(`race ${i + 1} was not drawn: ${text}`);
    afterEachMiB.push(rssMiB(bot));
  }
  await sleep(RENDER_WORKER_IDLE_MS + 5_000);
  const idleMiB = rssMiB(bot);
  const firstMiB = afterEachMiB[0] ?? 0;
  const lastMiB = afterEachMiB.at(-1) ?? 0;
  return {
    races: RACES,
    beforeFirstRaceMiB: beforeMiB,
    afterFirstRaceMiB: firstMiB,
    afterLastRaceMiB: lastMiB,
    growthAfterFirstRaceMiB: Math.round((lastMiB - firstMiB) * 10) / 10,
    afterWorkerIdledOutMiB: idleMiB,
    idleAboveBeforeMiB: Math.round((idleMiB - beforeMiB) * 10) / 10,
    afterEachRaceMiB: afterEachMiB,
  };
}

async function floodWhileQuizzing(harness: LoadHarness, flooder: Student, students: Student[]) {
  const player = harness.player;
  if (!player) throw new Error("load harness did not start");
  const answers = { drawn: 0, stillRunning: 0, busy: 0, other: 0 };
  let quizzing = true;
  let sent = 0;
  const flood = (async () => {
    while (quizzing) {
      // Each a new race (another lr), the longest a student may ask for.
      const burst = Array.from({ length: FLOOD_BURST }, (_, i) =>
        race(harness, flooder, 0.1 + (sent + i) / 1000, 1000),
      );
      sent += FLOOD_BURST;
      for (const text of await Promise.all(burst)) {
        if (text.includes("Race on")) answers.drawn++;
        else if (text.includes(RACE_STILL_RUNNING)) answers.stillRunning++;
        else if (text.includes(RENDERER_BUSY)) answers.busy++;
        else answers.other++;
      }
    }
  })();
  const from = performance.now();
  const failures: string[] = [];
  await Promise.all(
    students.map((student) =>
      player.play(student, { thinkMs: THINK_MS }).catch((error: unknown) => failures.push(String(error))),
    ),
  );
  quizzing = false;
  await flood;
  return {
    students: CLASS_SIZE,
    thinkMsMax: THINK_MS,
    floodBurst: FLOOD_BURST,
    raceAnswers: answers,
    clickLatency: harness.latencies(from, (entry) => entry.customId !== undefined),
    failedStudents: failures.length,
    firstFailure: failures[0],
  };
}

export async function run(): Promise<Record<string, unknown>> {
  const harness = new LoadHarness();
  try {
    await harness.start();
    const bot = harness.bots[0];
    if (!bot) throw new Error("no bot process");
    const [racer, flooder, ...quizzers] = makeStudents(CLASS_SIZE + 2, harness.guildIds, LOAD_QUIZZES);
    if (!racer || !flooder) throw new Error("no students");
    const memory = await raceMemory(harness, bot, racer);
    const flood = await floodWhileQuizzing(harness, flooder, quizzers);
    return {
      memory,
      quizDuringRaceFlood: flood,
      botWarnings: bot.problems().slice(0, 3),
      targets: { growthAfterFirstRaceMiB: 60, idleAboveBeforeMiB: 100, clickP99Ms: 150 },
    };
  } finally {
    await harness.stop();
  }
}
