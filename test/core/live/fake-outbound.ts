import type { Outbound, PostedMessage } from "../../../src/core/outbound.ts";
import type { Reply } from "../../../src/core/reply.ts";
import type { Invoker } from "../../../src/core/tutor-api.ts";
import { student } from "../fakes.ts";

/** The class's channel, its instructor and its students, as the live-round tests use them. */
export const CHANNEL = "chan-1";
export const teacher: Invoker = {
  ...student("teacher"),
  channelId: CHANNEL,
  canManageCommunity: async () => true,
};
export const pupil = (name: string): Invoker => ({
  ...student(name),
  channelId: CHANNEL,
  canManageCommunity: async () => false,
});

/** A channel as the core sees it through an adapter: what was posted, and each message's latest version. */
export class RecordingChannel implements Outbound {
  readonly posts: Array<{ channelId: string; reply: Reply; id: string }> = [];
  readonly edits: Array<{ id: string; reply: Reply }> = [];
  refuse?: Error;

  async post(channelId: string, reply: Reply): Promise<PostedMessage> {
    if (this.refuse) throw this.refuse;
    const id = `m${this.posts.length + 1}`;
    this.posts.push({ channelId, reply, id });
    return { channelId, messageId: id };
  }

  async edit(message: PostedMessage, reply: Reply): Promise<void> {
    this.edits.push({ id: message.messageId, reply });
  }

  /** The message as the channel shows it now. */
  latest(id: string): Reply | undefined {
    return (
      [...this.edits].reverse().find((edit) => edit.id === id)?.reply ??
      this.posts.find((post) => post.id === id)?.reply
    );
  }
}
