import { normaliseName } from "./content/catalogue.ts";
import type { Catalogue, Lesson } from "./content/types.ts";
import { AUTOCOMPLETE_MAX } from "./layout.ts";
import { quoteInput } from "./text.ts";
import type { OptionChoice } from "./tutor-api.ts";
import { UserError } from "./user-error.ts";

/** How many close matches an unknown topic suggests. */
export const SUGGESTIONS_SHOWN = 3;

/** The lesson a topic names (id, alias, title, or its number in the course); a UserError with the closest matches if none does. */
export function lessonOrSuggest(catalogue: Catalogue, topic: string, command: string): Lesson {
  const lesson = catalogue.findLesson(topic);
  if (lesson) return lesson;
  if (/^\s*\d+\s*$/.test(topic)) {
    // Lessons print "Lesson 3/9": the number a student sees opens that lesson.
    const numbered = catalogue.lessons[Number(topic) - 1];
    if (numbered) return numbered;
    throw new UserError(
      `There is no lesson ${quoteInput(topic.trim())}: the course has lessons 1 to ${catalogue.lessons.length}. Type \`/${command}\` alone to list them.`,
    );
  }
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

/** The course in order, one line per lesson with the command that opens it. */
export function lessonList(catalogue: Catalogue, command: string): string {
  const lines = catalogue.lessons.map(
    (lesson, index) =>
      `${index + 1}. **${lesson.title}**: \`/${command} ${lesson.id}\` or \`/${command} ${index + 1}\``,
  );
  return `The course, in order:\n${lines.join("\n")}`;
}
