import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../../commands/index.ts";
import { silentLogger } from "../../../src/core/logger.ts";
import { createRenderer, RACE_STILL_RUNNING, RENDERER_BUSY } from "../../../src/core/render/index.ts";
import { createMemoryStore } from "../../../src/core/store/index.ts";
import { createTutor } from "../../../src/core/tutor.ts";
import { fakeCatalogue, student } from "../fakes.ts";

/** A tutor drawing real races on this thread, admitting at most `maxRaces` at once. */
async function racingTutor(maxRaces: number) {
  const logger = silentLogger();
  const renderer = createRenderer({
    cacheDir: await mkdtemp(join(tmpdir(), "descent-race-bounds-")),
    logger,
    maxRaces,
  });
  const tutor = createTutor({
    commands: COMMANDS,
    catalogue: fakeCatalogue(),
    renderer,
    store: createMemoryStore(logger),
    logger,
  });
  // Each lr is a different race, so nothing comes from the cache.
  let races = 0;
  const race = (who: ReturnType<typeof student>) => {
    races++;
    return tutor.run("race", { function: "quadratic", optimizers: "gd", steps: 10, lr: races / 1000 }, who);
  };
  return { renderer, race };
}

describe("/race bounds", () => {
  it("GIVEN a student's race in flight THEN their second is refused kindly; others race; then they can again", async () => {
    const { renderer, race } = await racingTutor(4);
    const alice = student("alice");
    const first = race(alice);
    const second = race(alice);
    const bobs = race(student("bob"));
    // The same user id on another platform is another student.
    const slackAlice = race(student("alice", "team-1", "slack"));
    const refused = await second;
    expect(refused.text).toBe(RACE_STILL_RUNNING);
    expect(refused.private).toBe(true);
    expect(refused.images).toHaveLength(0);
    for (const reply of await Promise.all([first, bobs, slackAlice])) {
      expect(reply.images.map((image) => image.fileName)).toEqual([
        "quadratic-race.gif",
        "quadratic-chart.png",
      ]);
    }
    expect((await race(alice)).images).toHaveLength(2);
    await renderer.close();
  });

  it("GIVEN the render queue full THEN the next student hears the bot is busy, and is served once it drains", async () => {
    const { renderer, race } = await racingTutor(2);
    const admitted = [race(student("a")), race(student("b"))];
    const busy = await race(student("c"));
    expect(busy.text).toBe(RENDERER_BUSY);
    expect(busy.private).toBe(true);
    for (const reply of await Promise.all(admitted)) expect(reply.images).toHaveLength(2);
    expect((await race(student("c"))).images).toHaveLength(2);
    await renderer.close();
  });

  it("GIVEN race options outside the one set of limits THEN the renderer refuses them too", async () => {
    const renderer = createRenderer({
      cacheDir: await mkdtemp(join(tmpdir(), "descent-race-")),
      logger: silentLogger(),
    });
    const owner = { owner: "discord:x" };
    await expect(
      renderer.race({ function: "quadratic", optimizers: ["gd"], steps: 5 }, owner),
    ).rejects.toThrow(/steps must be at least 10 for a race/);
    await expect(
      renderer.race(
        { function: "quadratic", optimizers: ["gd", "adam", "momentum", "rmsprop", "adagrad"] },
        owner,
      ),
    ).rejects.toThrow(/at most 4 optimizers/);
    await renderer.close();
  });
});
