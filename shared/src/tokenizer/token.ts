// What the tokenizer splits text into. Every token keeps the exact `text` it
// was cut from, so joining the tokens' text gives back the input, and a
// client that renders tokens as components never needs to treat text as HTML.

/** Plain text between tags. */
export interface TextToken {
  readonly kind: 'text';
  readonly text: string;
}

/** `@username`; `username` is lowercased. */
export interface MentionToken {
  readonly kind: 'mention';
  readonly text: string;
  readonly username: string;
}

/** `#tag`; `tag` is lowercased for grouping and search. */
export interface HashtagToken {
  readonly kind: 'hashtag';
  readonly text: string;
  readonly tag: string;
}

/**
 * `&user.sound` or `&sound`. A bare `&sound` has `username` null: it names a
 * sound of whoever wrote the text, so a client resolves it against the author.
 */
export interface AmpersoundToken {
  readonly kind: 'ampersound';
  readonly text: string;
  readonly username: string | null;
  readonly sound: string;
}

/** An `http://` or `https://` link, without the punctuation that ends a sentence. */
export interface LinkToken {
  readonly kind: 'link';
  readonly text: string;
  readonly url: string;
}

export type Token = TextToken | MentionToken | HashtagToken | AmpersoundToken | LinkToken;
