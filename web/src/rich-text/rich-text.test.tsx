// @vitest-environment happy-dom
import { MemoryRouter, Route } from '@solidjs/router';
import { render } from 'solid-js/web';
import { afterEach, describe, expect, it } from 'vitest';
import { RichText } from './rich-text';
import { type TextResolver, TextResolverContext } from './text-resolver';

const resolver: TextResolver = {
  hasMember: (username) => username === 'ana',
  soundUrl: (username, sound, author) =>
    (username ?? author) === 'ana' && sound === 'airhorn'
      ? 'https://kith.test/media/horn.ogg'
      : undefined,
};

let dispose: (() => void) | undefined;
afterEach(() => {
  dispose?.();
  document.body.innerHTML = '';
});

function show(text: string, authorUsername?: string): HTMLElement {
  const root = document.createElement('p');
  document.body.append(root);
  dispose = render(
    () => (
      <MemoryRouter>
        <Route
          path="*"
          component={() => (
            <TextResolverContext.Provider value={resolver}>
              <RichText text={text} authorUsername={authorUsername} />
            </TextResolverContext.Provider>
          )}
        />
      </MemoryRouter>
    ),
    root,
  );
  return root;
}

describe('rich text', () => {
  it('links a mention of a member it can see, and leaves an unknown one as text', () => {
    const root = show('hi @Ana and @nobody!');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([['@Ana', '/u/ana']]);
    expect(root.textContent).toBe('hi @Ana and @nobody!');
  });

  it('links hashtags to their page and external links safely', () => {
    const root = show('#Sunday at https://example.com/x.');
    const [tag, link] = [...root.querySelectorAll('a')];
    expect(tag?.getAttribute('href')).toBe('/tag/sunday');
    expect(link?.getAttribute('href')).toBe('https://example.com/x');
    expect(link?.getAttribute('target')).toBe('_blank');
    expect(link?.getAttribute('rel')).toContain('noopener');
    expect(link?.getAttribute('rel')).toContain('noreferrer');
    expect(root.textContent).toBe('#Sunday at https://example.com/x.');
  });

  it('makes an approved sound playable, and a bare &sound resolves against the author', () => {
    const root = show('&ana.airhorn and &airhorn and &ana.nope', 'ana');
    const buttons = [...root.querySelectorAll('button')];
    expect(buttons.map((b) => b.getAttribute('aria-label'))).toEqual([
      'Play sound &ana.airhorn',
      'Play sound &airhorn',
    ]);
    expect(root.textContent).toBe('&ana.airhorn and &airhorn and &ana.nope');
  });

  it.each([
    '<img src=x onerror="alert(1)">',
    '<script>alert(1)</script>',
    '<a href="javascript:alert(1)">@ana</a>',
    '"><svg onload=alert(1)> #tag',
    'javascript:alert(1) https://ok.example/"onmouseover="alert(1)',
  ])('renders %j as the text it is', (payload) => {
    const root = show(payload);
    expect(root.textContent).toBe(payload);
    expect(root.querySelectorAll('img, script, svg, iframe').length).toBe(0);
    for (const a of root.querySelectorAll('a')) {
      expect(a.getAttribute('href')).toMatch(/^(\/u\/|\/tag\/|https?:\/\/)/);
      expect([...a.attributes].map((attribute) => attribute.name).sort()).not.toContain(
        'onmouseover',
      );
    }
  });
});
