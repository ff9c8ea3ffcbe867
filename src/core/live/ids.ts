import { buttonId, FIELDS } from "../buttons.ts";

/** A live round's answer button: the session, the question's position and the shown choice. */
export const LIVE_ANSWER = buttonId("lv", {
  sessionId: FIELDS.sessionId,
  question: FIELDS.smallInt,
  choice: FIELDS.smallInt,
});
