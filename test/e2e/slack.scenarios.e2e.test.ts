import { realTutorFactory } from "./discord/real-tutor.ts";
import { describeExploreScenarios } from "./explore-scenarios.ts";
import { describeScenarios } from "./scenarios.ts";
import { SlackPlatformDriver } from "./slack/platform-driver.ts";

// The shared scenarios, through the real Bolt app, Descent's Slack adapter and the real tutor.
const makeTutor = await realTutorFactory();
describeScenarios(() => new SlackPlatformDriver(makeTutor));
describeExploreScenarios(() => new SlackPlatformDriver(makeTutor));
