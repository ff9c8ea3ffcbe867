import { realTutorFactory } from "./discord/real-tutor.ts";
import { describeExploreScenarios } from "./explore-scenarios.ts";
import { describeScenarios, ScenarioClock } from "./scenarios.ts";
import { SlackPlatformDriver } from "./slack/platform-driver.ts";

// The shared scenarios, through the real Bolt app, Descent's Slack adapter and the real tutor.
const clock = new ScenarioClock();
const makeTutor = await realTutorFactory({ clock: clock.now });
describeScenarios(() => new SlackPlatformDriver(makeTutor), clock);
describeExploreScenarios(() => new SlackPlatformDriver(makeTutor));
