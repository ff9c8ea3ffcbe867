// Discord latency: from the emulator dispatching INTERACTION_CREATE to it receiving the bot's answer,
// through the real discord.js client, Descent's adapter and the real tutor (images cached).

import { deployCommands } from "../src/adapters/discord/deploy.ts";
import { startDiscord } from "../src/adapters/discord/index.ts";
import { silentLogger } from "../src/core/logger.ts";
import { DiscordEmulator, type InteractionHandle } from "../test/e2e/discord/emulator.ts";
import { realTutorFactory } from "../test/e2e/discord/real-tutor.ts";
import { latencySummary } from "../test/e2e/load/students.ts";

const RUNS = 300;
const WARM_UP = 20;
const LESSONS = ["sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adadelta", "adam"];

async function answered(handle: InteractionHandle) {
  const outcome = await handle.outcome;
  if (outcome.kind !== "message")
    throw new Error(`bench interaction answered with ${JSON.stringify(outcome)}`);
  return { ms: outcome.at - handle.dispatchedAt, messageId: outcome.messageId, deferred: outcome.deferred };
}

export async function run(): Promise<Record<string, unknown>> {
  const emulator = await new DiscordEmulator().start();
  const makeTutor = await realTutorFactory({ warm: true });
  const { tutor, close } = await makeTutor();
  await deployCommands({
    token: emulator.token,
    appId: emulator.appId,
    restApi: emulator.restApi,
    commands: tutor.commands,
  });
  const bot = await startDiscord({
    token: emulator.token,
    appId: emulator.appId,
    restApi: emulator.restApi,
    tutor,
    logger: silentLogger(),
  });
  try {
    const lesson: number[] = [];
    let lessonsDeferred = 0;
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      const user = { id: `4000000000000${String(i % 50).padStart(5, "0")}`, name: `student${i % 50}` };
      const topic = LESSONS[i % LESSONS.length] ?? "adam";
      const { ms, deferred } = await answered(emulator.command({ user, name: "lesson", options: { topic } }));
      if (i < WARM_UP) continue;
      lesson.push(ms);
      if (deferred) lessonsDeferred++;
    }
    const click: number[] = [];
    for (let i = 0; i < WARM_UP + RUNS; i++) {
      // A new student each time, so every click answers a fresh question.
      const user = { id: `5000000000000${String(i).padStart(5, "0")}`, name: `s${i}` };
      const topic = LESSONS[i % LESSONS.length] ?? "adam";
      const quiz = await answered(emulator.command({ user, name: "quiz", options: { topic } }));
      const message = emulator.messages.get(quiz.messageId);
      const firstButton = message?.api.components[0]?.components[0];
      if (!firstButton || !("custom_id" in firstButton)) throw new Error("quiz message has no answer button");
      const { ms } = await answered(
        emulator.click({ user, messageId: quiz.messageId, customId: firstButton.custom_id }),
      );
      if (i >= WARM_UP) click.push(ms);
    }
    return {
      cachedLesson: { ...latencySummary(lesson), deferred: lessonsDeferred },
      quizAnswerClick: latencySummary(click),
      targetP99Ms: 50,
    };
  } finally {
    await bot.stop();
    await close?.();
    await emulator.stop();
  }
}
