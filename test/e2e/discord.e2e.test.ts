import { DiscordDriver } from "./discord/driver.ts";
import { realTutorFactory } from "./discord/real-tutor.ts";
import { describeExploreScenarios } from "./explore-scenarios.ts";
import { describeScenarios, ScenarioClock } from "./scenarios.ts";

// The shared scenarios, through the real discord.js client, Descent's adapter and the real tutor.
const clock = new ScenarioClock();
const makeTutor = await realTutorFactory({ clock: clock.now });
describeScenarios(() => new DiscordDriver(makeTutor), clock);
describeExploreScenarios(() => new DiscordDriver(makeTutor));
