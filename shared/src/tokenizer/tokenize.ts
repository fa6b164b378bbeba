// Splits post and comment text into text, mentions, hashtags, ampersounds
// and links. The module uses it to find whom a post mentions; clients use it
// to render the same text as components.
import type { Token } from './token';

const WORD_CHAR = /[\p{L}\p{N}_]/u;

// Sticky patterns, tried at a position where a tag may start. A name ends
// where no name character follows; a `-` may only continue a sound name when
// a name character comes after it ("&boom-" is `&boom` and "-").
const MENTION = /@([A-Za-z0-9_]{3,20})(?![A-Za-z0-9_])/y;
const HASHTAG = /#([\p{L}\p{N}_]{1,50})(?![\p{L}\p{N}_])/uy;
const SOUND_NAME_PART = '[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,30}[A-Za-z0-9_])?';
const SOUND_END = '(?![A-Za-z0-9_]|-[A-Za-z0-9_])';
const USER_SOUND = new RegExp(`&([A-Za-z0-9_]{3,20})\\.(${SOUND_NAME_PART})${SOUND_END}`, 'y');
/** The shape of `&a.b`: when the text has it, only the `&user.sound` reading is taken. */
const USER_SOUND_SHAPE = /&[A-Za-z0-9_-]+\.[A-Za-z0-9_]/y;
const BARE_SOUND = new RegExp(`&(${SOUND_NAME_PART})${SOUND_END}`, 'y');
const LINK = /https?:\/\/[^\s<>"]+/iy;
const LINK_HOST_START = /^https?:\/\/[^\s/?#.:@]/i;
const TRAILING_PUNCTUATION = new Set(['.', ',', ';', ':', '!', '?', "'", '"', '*']);
const CLOSERS: Readonly<Record<string, string>> = { ')': '(', ']': '[', '}': '{' };

/** Splits `text` into tokens; the tokens' `text` joined is `text` itself. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let plainStart = 0;
  let i = 0;
  while (i < text.length) {
    const tag = startsAfterBoundary(text, i) ? tagAt(text, i) : undefined;
    if (tag === undefined) {
      i++;
      continue;
    }
    if (plainStart < i) tokens.push({ kind: 'text', text: text.slice(plainStart, i) });
    tokens.push(tag);
    i += tag.text.length;
    plainStart = i;
  }
  if (plainStart < text.length) tokens.push({ kind: 'text', text: text.slice(plainStart) });
  return tokens;
}

function tagAt(text: string, at: number): Token | undefined {
  switch (text[at]) {
    case '@':
      return mentionAt(text, at);
    case '#':
      return hashtagAt(text, at);
    case '&':
      return ampersoundAt(text, at);
    case 'h':
    case 'H':
      return linkAt(text, at);
    default:
      return undefined;
  }
}

function mentionAt(text: string, at: number): Token | undefined {
  const match = matchAt(MENTION, text, at);
  if (match === undefined) return undefined;
  return { kind: 'mention', text: match[0], username: match[1]!.toLowerCase() };
}

function hashtagAt(text: string, at: number): Token | undefined {
  const match = matchAt(HASHTAG, text, at);
  // "#1" is a number, not a tag: a tag needs a letter.
  if (match === undefined || !/\p{L}/u.test(match[1]!)) return undefined;
  return { kind: 'hashtag', text: match[0], tag: match[1]!.toLowerCase() };
}

function ampersoundAt(text: string, at: number): Token | undefined {
  if (matchAt(USER_SOUND_SHAPE, text, at) !== undefined) {
    const match = matchAt(USER_SOUND, text, at);
    if (match === undefined) return undefined;
    return {
      kind: 'ampersound',
      text: match[0],
      username: match[1]!.toLowerCase(),
      sound: match[2]!.toLowerCase(),
    };
  }
  const match = matchAt(BARE_SOUND, text, at);
  // Sound names have at least two characters ("&a" is just text).
  if (match === undefined || match[1]!.length < 2) return undefined;
  return { kind: 'ampersound', text: match[0], username: null, sound: match[1]!.toLowerCase() };
}

function linkAt(text: string, at: number): Token | undefined {
  const match = matchAt(LINK, text, at);
  if (match === undefined) return undefined;
  const url = withoutTrailingPunctuation(match[0]);
  if (!LINK_HOST_START.test(url)) return undefined;
  return { kind: 'link', text: url, url };
}

/**
 * Drops what ends a sentence rather than a URL: "see https://a.example/x." ends
 * at `x`, and "(https://a.example/x)" does not take the closing parenthesis
 * unless the URL opened one itself.
 */
function withoutTrailingPunctuation(candidate: string): string {
  let end = candidate.length;
  while (end > 0) {
    const last = candidate[end - 1]!;
    const opener = CLOSERS[last];
    if (TRAILING_PUNCTUATION.has(last)) {
      end--;
    } else if (
      opener !== undefined &&
      count(candidate, last, end) > count(candidate, opener, end)
    ) {
      end--;
    } else {
      break;
    }
  }
  return candidate.slice(0, end);
}

function count(text: string, char: string, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (text[i] === char) n++;
  return n;
}

/** Tags start the text or follow a character that is not part of a word ("ana@example.com" has no mention). */
function startsAfterBoundary(text: string, at: number): boolean {
  if (at === 0) return true;
  const before = text.codePointAt(at - 1)!;
  // The second half of a surrogate pair: look at the whole character.
  const previous =
    before >= 0xdc00 && before <= 0xdfff && at >= 2
      ? String.fromCodePoint(text.codePointAt(at - 2)!)
      : String.fromCodePoint(before);
  return !WORD_CHAR.test(previous);
}

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text) ?? undefined;
}
