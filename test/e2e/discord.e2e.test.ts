import { DiscordDriver } from "./discord/driver.ts";
import { realTutorFactory } from "./discord/real-tutor.ts";
import { describeExploreScenarios } from "./explore-scenarios.ts";
import { describeScenarios } from "./scenarios.ts";

// The shared scenarios, through the real discord.js client, Descent's adapter and the real tutor.
const makeTutor = await realTutorFactory();
describeScenarios(() => new DiscordDriver(makeTutor));
describeExploreScenarios(() => new DiscordDriver(makeTutor));
