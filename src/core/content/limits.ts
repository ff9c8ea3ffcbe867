/** Limits the loader enforces on content, so every lesson and question fits every platform. */
export const CONTENT_LIMITS = {
  /** A button's label: Slack's button text limit (Discord allows 80). */
  choiceLabel: 75,
  /** A question prompt or explanation must fit one Discord embed field. */
  questionText: 1024,
  /** One wrong choice's reason: a short sentence. */
  why: 160,
  /** Lesson idea + bullets must fit one Slack section (Discord's embed description allows 4096). */
  lessonText: 3000,
  /** Each bullet may become a Discord embed field. */
  bullet: 1024,
  /** Under a minute at a relaxed 200 words per minute. */
  lessonWords: 200,
  /** The one-sentence idea. */
  idea: 200,
  title: 80,
  minBullets: 2,
  maxBullets: 4,
  minChoices: 2,
  maxChoices: 4,
  minQuestions: 6,
  /** /recommend: answers fit one row of buttons (Discord's 5), and a path stays short. */
  maxRecommendAnswers: 5,
  maxRecommendQuestions: 5,
  /** Paths A–D on a "which optimizer drew this path?" map. */
  maxPaths: 4,
  /** Longest simulation a lesson visual or numeric question may ask for. */
  maxSteps: 5000,
} as const;
