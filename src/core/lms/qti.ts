import { extname } from "node:path";
import { zipSync } from "fflate";
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import type { Catalogue, Question, Quiz } from "../content/types.ts";
import type { ReplyImage } from "../reply.ts";
import { type QuestionImages, questionKey } from "./gift.ts";

/**
 * Every quiz bank as an IMS QTI 1.2 content package for Canvas (and other LMSs that import QTI):
 * a zip with `imsmanifest.xml`, one assessment per lesson quiz, and each question's picture as a
 * file the question shows with `matimage`. Multiple choice, one point, the correct choice scored
 * 100, and the explanation as the feedback of every choice.
 */

const QTI_NAMESPACE = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2";
const CP_NAMESPACE = "http://www.imsglobal.org/xsd/imscp_v1p1";
/** The response every item asks for (one choice). */
const RESPONSE_ID = "response1";

/** Identifiers in QTI are XML NCName-like: letters, digits, `-`, `_`, `.`. */
function ident(...parts: string[]): string {
  return parts.join(".").replace(/[^A-Za-z0-9._-]/g, "_");
}

/** Where a question's picture goes in the package (its own extension: png, or gif for a race). */
export function imagePath(quizId: string, questionId: string, fileName: string): string {
  return `images/${ident(quizId, questionId)}${extname(fileName) || ".png"}`;
}

function addItem(section: XMLBuilder, quiz: Quiz, question: Question, image: ReplyImage | undefined): void {
  const item = section.ele("item", {
    ident: ident(quiz.id, question.id),
    title: questionKey(quiz.id, question.id),
  });
  const fields = item.ele("itemmetadata").ele("qtimetadata");
  for (const [label, entry] of [
    ["question_type", "multiple_choice_question"],
    ["points_possible", "1"],
  ]) {
    const field = fields.ele("qtimetadatafield");
    field.ele("fieldlabel").txt(label ?? "");
    field.ele("fieldentry").txt(entry ?? "");
  }
  const presentation = item.ele("presentation");
  const stem = presentation.ele("material");
  stem.ele("mattext", { texttype: "text/plain" }).txt(question.prompt);
  if (image) {
    const uri = imagePath(quiz.id, question.id, image.fileName);
    stem.ele("matimage", { imagtype: mimeOf(image.fileName), uri, label: image.alt });
  }
  const choices = presentation
    .ele("response_lid", { ident: RESPONSE_ID, rcardinality: "Single" })
    .ele("render_choice");
  question.choices.forEach((choice, index) => {
    choices
      .ele("response_label", { ident: `c${index}` })
      .ele("material")
      .ele("mattext", { texttype: "text/plain" })
      .txt(choice.label);
  });
  const processing = item.ele("resprocessing");
  processing
    .ele("outcomes")
    .ele("decvar", { varname: "SCORE", vartype: "Decimal", minvalue: "0", maxvalue: "100" });
  question.choices.forEach((choice, index) => {
    const condition = processing.ele("respcondition", { continue: "No" });
    condition.ele("conditionvar").ele("varequal", { respident: RESPONSE_ID }).txt(`c${index}`);
    condition.ele("setvar", { action: "Set", varname: "SCORE" }).txt(choice.correct ? "100" : "0");
    condition.ele("displayfeedback", { feedbacktype: "Response", linkrefid: `c${index}_fb` });
  });
  question.choices.forEach((_, index) => {
    item
      .ele("itemfeedback", { ident: `c${index}_fb` })
      .ele("flow_mat")
      .ele("material")
      .ele("mattext", { texttype: "text/plain" })
      .txt(question.explanation);
  });
}

function assessmentXml(quiz: Quiz, images: QuestionImages): string {
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele(QTI_NAMESPACE, "questestinterop");
  const section = root
    .ele("assessment", { ident: ident("descent", quiz.id), title: `Descent: ${quiz.title}` })
    .ele("section", { ident: "root_section" });
  for (const question of quiz.questions)
    addItem(section, quiz, question, images.get(questionKey(quiz.id, question.id)));
  return root.end({ prettyPrint: true });
}

/** The image's MIME type from its file name. */
export function mimeOf(fileName: string): string {
  return extname(fileName) === ".gif" ? "image/gif" : "image/png";
}

/** The QTI package as zip bytes. */
export function qtiPackage(catalogue: Catalogue, images: QuestionImages): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const manifest = create({ version: "1.0", encoding: "UTF-8" }).ele(CP_NAMESPACE, "manifest", {
    identifier: "descent-quizzes",
  });
  const metadata = manifest.ele("metadata");
  metadata.ele("schema").txt("IMS Content");
  metadata.ele("schemaversion").txt("1.1.3");
  manifest.ele("organizations");
  const resources = manifest.ele("resources");
  for (const lesson of catalogue.lessons) {
    const quiz = catalogue.quizzes.get(lesson.quiz);
    if (!quiz) continue;
    const href = `quizzes/${ident(quiz.id)}.xml`;
    files[href] = Buffer.from(assessmentXml(quiz, images), "utf8");
    const resource = resources.ele("resource", {
      identifier: ident("quiz", quiz.id),
      type: "imsqti_xmlv1p2",
      href,
    });
    resource.ele("file", { href });
    for (const question of quiz.questions) {
      const image = images.get(questionKey(quiz.id, question.id));
      if (!image) continue;
      const path = imagePath(quiz.id, question.id, image.fileName);
      files[path] = new Uint8Array(image.bytes);
      resource.ele("file", { href: path });
    }
  }
  files["imsmanifest.xml"] = Buffer.from(manifest.end({ prettyPrint: true }), "utf8");
  return zipSync(files);
}
