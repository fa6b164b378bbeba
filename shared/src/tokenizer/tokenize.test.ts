import { describe, expect, it } from 'vitest';
import { ampersoundReferences, hashtags, mentionedUsernames } from './text-references';
import type { Token } from './token';
import { tokenize } from './tokenize';

const text = (t: string): Token => ({ kind: 'text', text: t });
const mention = (t: string, username: string): Token => ({ kind: 'mention', text: t, username });
const hashtag = (t: string, tag: string): Token => ({ kind: 'hashtag', text: t, tag });
const sound = (t: string, username: string | null, name: string): Token => ({
  kind: 'ampersound',
  text: t,
  username,
  sound: name,
});
const link = (url: string): Token => ({ kind: 'link', text: url, url });

describe('tokenize', () => {
  it.each<[string, Token[]]>([
    ['', []],
    ['just words', [text('just words')]],
    ['hi @ana!', [text('hi '), mention('@ana', 'ana'), text('!')]],
    ['@Ana_B2 first', [mention('@Ana_B2', 'ana_b2'), text(' first')]],
    ['mail ana@example.com', [text('mail ana@example.com')]],
    ['@ab is too short', [text('@ab is too short')]],
    ['@abcdefghijklmnopqrstu is too long', [text('@abcdefghijklmnopqrstu is too long')]],
    ['(@ana)', [text('('), mention('@ana', 'ana'), text(')')]],
    ['#Sunday vibes', [hashtag('#Sunday', 'sunday'), text(' vibes')]],
    ['#café #日本', [hashtag('#café', 'café'), text(' '), hashtag('#日本', '日本')]],
    ['we are #1', [text('we are #1')]],
    ['c#sharp', [text('c#sharp')]],
    ['&ana.airhorn', [sound('&ana.airhorn', 'ana', 'airhorn')]],
    ['&Ana.AirHorn!', [sound('&Ana.AirHorn', 'ana', 'airhorn'), text('!')]],
    ['&airhorn-remix now', [sound('&airhorn-remix', null, 'airhorn-remix'), text(' now')]],
    ['&boom-', [sound('&boom', null, 'boom'), text('-')]],
    ['listen &airhorn.', [text('listen '), sound('&airhorn', null, 'airhorn'), text('.')]],
    ['&ab.cd is not a username', [text('&ab.cd is not a username')]],
    ['Tom & Jerry', [text('Tom & Jerry')]],
    ['AT&T', [text('AT&T')]],
    ['&a alone', [text('&a alone')]],
    ['see https://a.example/x.', [text('see '), link('https://a.example/x'), text('.')]],
    ['(https://a.example/x)', [text('('), link('https://a.example/x'), text(')')]],
    [
      'https://en.example/wiki/Foo_(bar) ok',
      [link('https://en.example/wiki/Foo_(bar)'), text(' ok')],
    ],
    ['https://a.example/#tag @no', [link('https://a.example/#tag'), text(' '), text('@no')]],
    ['xhttps://a.example', [text('xhttps://a.example')]],
    ['https:// nothing', [text('https:// nothing')]],
    ['<b>@ana</b>', [text('<b>'), mention('@ana', 'ana'), text('</b>')]],
    ['😀@ana', [text('😀'), mention('@ana', 'ana')]],
  ])('%j', (input, expected) => {
    const merged = mergeText(expected);
    expect(tokenize(input)).toEqual(merged);
  });

  it('gives back the input when the tokens are joined, whatever the input', () => {
    const pieces = [
      '@',
      '#',
      '&',
      '.',
      '-',
      'ana',
      'b',
      ' ',
      '!',
      'https://',
      'x.y',
      '(',
      ')',
      '_',
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    for (let run = 0; run < 2000; run++) {
      let input = '';
      const length = next() % 12;
      for (let i = 0; i < length; i++) input += pieces[next() % pieces.length];
      expect(
        tokenize(input)
          .map((t) => t.text)
          .join(''),
      ).toBe(input);
    }
  });
});

describe('text references', () => {
  const body = 'Hey @Ana and @bob, @ana again! #Fun #fun &ana.airhorn &boom &ana.airhorn';

  it('lists each mentioned username once, lowercased', () => {
    expect(mentionedUsernames(body)).toEqual(['ana', 'bob']);
  });

  it('lists each hashtag once, lowercased', () => {
    expect(hashtags(body)).toEqual(['fun']);
  });

  it('lists each ampersound once, bare ones without a username', () => {
    expect(ampersoundReferences(body)).toEqual([
      { username: 'ana', sound: 'airhorn' },
      { username: null, sound: 'boom' },
    ]);
  });
});

/** The tokenizer joins neighbouring plain text; the table writes it in pieces for readability. */
function mergeText(tokens: Token[]): Token[] {
  const merged: Token[] = [];
  for (const token of tokens) {
    const last = merged[merged.length - 1];
    if (token.kind === 'text' && last?.kind === 'text') {
      merged[merged.length - 1] = text(last.text + token.text);
    } else {
      merged.push(token);
    }
  }
  return merged;
}
