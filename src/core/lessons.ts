import { normaliseName } from "./content/catalogue.ts";
import type { Catalogue, Lesson } from "./content/types.ts";
import { AUTOCOMPLETE_MAX } from "./layout.ts";
import { quoteInput } from "./text.ts";
import type { OptionChoice } from "./tutor-api.ts";
import { UserError } from "./user-error.ts";

/** How many close matches an unknown topic suggests. */
export const SUGGESTIONS_SHOWN = 3;

/** The lesson a topic names; a UserError with the closest matches if none does. */
export function lessonOrSuggest(catalogue: Catalogue, topic: string, command: string): Lesson {
  const lesson = catalogue.findLesson(topic);
  if (lesson) return lesson;
  const close = catalogue.suggestLessons(topic, SUGGESTIONS_SHOWN);
  const hint = close.length
    ? ` Did you mean ${close.map((candidate) => `**${candidate.title}** (\`/${command} ${candidate.id}\`)`).join(", ")}?`
    : ` Try one of: ${catalogue.lessons.map((candidate) => `\`${candidate.id}\``).join(", ")}.`;
  throw new UserError(`I don't know a lesson called ${quoteInput(topic)}.${hint}`);
}

/** Lessons whose id, title or alias contains what was typed, in course order. */
export function lessonChoices(catalogue: Catalogue, partial: string): OptionChoice[] {
  const typed = normaliseName(partial);
  return catalogue.lessons
    .filter((lesson) =>
      [lesson.id, lesson.title, ...lesson.aliases].some((name) => normaliseName(name).includes(typed)),
    )
    .slice(0, AUTOCOMPLETE_MAX)
    .map((lesson) => ({ name: `${lesson.order}. ${lesson.title}`, value: lesson.id }));
}
