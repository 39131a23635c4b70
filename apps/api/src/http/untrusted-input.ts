import { NestExpressApplication } from '@nestjs/platform-express';
import { json, NextFunction, Request, Response, urlencoded } from 'express';

/**
 * The largest JSON body a route needs, with room to spare: an offering's 20,000-character
 * description written entirely in \u escapes is 120 KB, 1,000 attendance marks about 80 KB.
 */
export const JSON_BODY_LIMIT_BYTES = 256 * 1024;
/** Stripe's signed events can carry whole objects; only Stripe gets past the signature check. */
export const STRIPE_WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;
/** No DTO nests deeper than a handful of levels; this leaves room and keeps every walk shallow. */
export const MAX_JSON_DEPTH = 32;

/** Input refused before any route sees it; the problem filter answers it as problem+json. */
export class UntrustedInputError extends Error {
  /** Read by Express and body-parser: the client's fault, shown to the client. */
  readonly expose = true;

  constructor(
    readonly status: 400 | 415,
    readonly code: 'json_too_deep' | 'nul_byte' | 'unsupported_charset',
    message: string,
    readonly field: string,
  ) {
    super(message);
    this.name = 'UntrustedInputError';
  }
}

const tooDeep = () =>
  new UntrustedInputError(
    400,
    'json_too_deep',
    `request body nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep`,
    'body',
  );
const nulByte = (field: string) =>
  new UntrustedInputError(400, 'nul_byte', `${field} contains a NUL character (U+0000)`, field);

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;
const ZERO = 0x30;
const LETTER_U = 0x75;

/**
 * Reads raw UTF-8 JSON once, byte by byte, before it is parsed: too deep a nesting or a NUL
 * escaped in a string (`\u0000`) is refused here, in linear time and without recursion, so no
 * later recursive walk (class-transformer, the validator) can overflow the stack on it. Bytes of
 * multi-byte UTF-8 characters are all ≥ 0x80 and never mistaken for structure. Malformed JSON
 * passes through to the parser, which refuses it.
 */
export function inspectJsonText(
  body: Buffer,
  maxDepth = MAX_JSON_DEPTH,
): UntrustedInputError | null {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < body.length; index++) {
    const byte = body[index];
    if (inString) {
      if (byte === BACKSLASH) {
        if (
          body[index + 1] === LETTER_U &&
          body[index + 2] === ZERO &&
          body[index + 3] === ZERO &&
          body[index + 4] === ZERO &&
          body[index + 5] === ZERO
        ) {
          return nulByte('body');
        }
        index++; // the escaped character cannot end the string
      } else if (byte === QUOTE) {
        inString = false;
      }
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_OBJECT || byte === OPEN_ARRAY) {
      if (++depth > maxDepth) return tooDeep();
    } else if (byte === CLOSE_OBJECT || byte === CLOSE_ARRAY) {
      depth--;
    }
  }
  return null;
}

/** body-parser's hook on the raw bytes: keeps them for signature checks, and inspects them. */
function verifyJson(
  request: Request & { rawBody?: Buffer },
  _: Response,
  body: Buffer,
  encoding: string | null,
): void {
  // RFC 8259: JSON between systems is UTF-8; the byte scan above relies on it.
  if (
    encoding !== null &&
    encoding.toLowerCase() !== 'utf-8' &&
    encoding.toLowerCase() !== 'utf8'
  ) {
    throw new UntrustedInputError(415, 'unsupported_charset', 'JSON bodies must be UTF-8', 'body');
  }
  request.rawBody = body;
  const problem = inspectJsonText(body);
  if (problem) throw problem;
}

function keepRawBody(request: Request & { rawBody?: Buffer }, _: Response, body: Buffer): void {
  request.rawBody = body;
}

/** Whether a string of a parsed value (keys included) holds a NUL; a loop, not recursion. */
function holdsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\0')) return true;
    } else if (Array.isArray(next)) {
      // One by one: spreading a 100,000-item array into push() overflows the call's arguments.
      for (const item of next) pending.push(item);
    } else if (typeof next === 'object' && next !== null && !Buffer.isBuffer(next)) {
      for (const [key, item] of Object.entries(next)) {
        if (key.includes('\0')) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/**
 * One place for NUL characters in text input: PostgreSQL cannot store them in text and answered
 * 500. The path and query are refused on their encoded form (`%00`; a raw NUL never gets past
 * Node's HTTP parser), bodies on their parsed strings and keys, whichever parser made them.
 */
export function refuseNulBytes(request: Request, _: Response, next: NextFunction): void {
  const url = request.originalUrl ?? request.url;
  if (/%00/i.test(url)) {
    const queryStart = url.indexOf('?');
    const inQuery = queryStart >= 0 && /%00/i.test(url.slice(queryStart));
    return next(nulByte(inQuery ? 'query' : 'path'));
  }
  if (request.body !== undefined && !Buffer.isBuffer(request.body) && holdsNul(request.body)) {
    return next(nulByte('body'));
  }
  next();
}

/**
 * Body parsing for the api: JSON up to what the routes need and no deeper than MAX_JSON_DEPTH,
 * form bodies under the same limits, images as raw bodies (the logo), and NUL characters refused
 * everywhere. Registered before Nest's defaults, which then stay out (they look for parsers of the
 * same names). Multipart uploads are parsed by the routes that take them (multer).
 */
export function useUntrustedInputParsers(
  app: NestExpressApplication,
  rawImageLimitBytes: number,
): void {
  app.use(
    '/api/webhooks/stripe',
    json({ limit: STRIPE_WEBHOOK_BODY_LIMIT_BYTES, verify: verifyJson }),
  );
  app.use(json({ limit: JSON_BODY_LIMIT_BYTES, verify: verifyJson }));
  // body-parser 2 takes `depth` (default 32); its published types predate it.
  const formOptions = {
    extended: true,
    limit: JSON_BODY_LIMIT_BYTES,
    depth: MAX_JSON_DEPTH,
    verify: keepRawBody,
  };
  app.use(urlencoded(formOptions));
  // Images are sent as the body itself (PUT /chambre/logo); the use case checks size and format.
  app.useBodyParser('raw', { type: ['image/png', 'image/jpeg'], limit: rawImageLimitBytes });
  app.use(refuseNulBytes);
}
