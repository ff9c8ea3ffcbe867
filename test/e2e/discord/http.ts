import type { IncomingMessage, ServerResponse } from "node:http";

/** A request as the emulator's routes see it. */
export interface EmulatedRequest {
  method: string;
  /** Path after `/api/v10`, URL-decoded (`%40original` becomes `@original`). */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** `payload_json` for multipart bodies, else the parsed JSON body. */
  json: Record<string, unknown>;
  files: Map<string, File>;
}

export interface EmulatedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Reads a Node request into JSON + files, using the web `Request` parser for multipart. */
export async function readRequest(request: IncomingMessage, prefix: string): Promise<EmulatedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const url = new URL(request.url ?? "/", "http://emulator");
  const contentType = request.headers["content-type"] ?? "";
  const files = new Map<string, File>();
  let json: Record<string, unknown> = {};
  if (contentType.startsWith("multipart/form-data")) {
    const form = await new Request(url, {
      method: "POST",
      headers: { "content-type": contentType },
      body: raw,
    }).formData();
    for (const [key, value] of form) {
      if (key === "payload_json") json = JSON.parse(String(value));
      else if (typeof value !== "string") files.set(key, value);
    }
  } else if (raw.length > 0) {
    json = JSON.parse(raw.toString("utf8"));
  }
  return {
    method: request.method ?? "GET",
    path: decodeURIComponent(url.pathname.slice(prefix.length)),
    query: url.searchParams,
    authorization: request.headers.authorization,
    json,
    files,
  };
}

export function writeResponse(response: ServerResponse, result: EmulatedResponse): void {
  const headers = { ...(result.headers ?? {}) };
  if (result.body === undefined) {
    response.writeHead(result.status, headers).end();
    return;
  }
  headers["content-type"] = "application/json";
  response.writeHead(result.status, headers).end(JSON.stringify(result.body));
}

/** Discord's error body shape: `{ code, message }` (https://discord.com/developers/docs/topics/opcodes-and-status-codes#json). */
export function apiError(status: number, code: number, message: string): EmulatedResponse {
  return { status, body: { code, message } };
}
