// Pictures of the main screens at phone and desktop widths, written into an
// ignored folder (web/test-results/screenshots); the README shows copies in
// docs/screenshots made from a run.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { WEB_ROOT } from './build-web.js';
import { DESKTOP, type Member, PHONE, type Viewport } from './member.js';

export const SCREENSHOT_DIR = path.join(WEB_ROOT, 'test-results', 'screenshots');

export interface Screen {
  readonly name: string;
  readonly path: string;
  /** What must be on the screen before the picture is taken. */
  readonly ready: (member: Member) => Promise<void>;
}

const WIDTHS: ReadonlyArray<readonly [string, Viewport]> = [
  ['desktop', DESKTOP],
  ['phone', PHONE],
];

/** Opens each screen in `member`'s browser at both widths and saves a picture of it. */
export async function captureScreens(
  member: Member,
  screens: readonly Screen[],
): Promise<string[]> {
  const written: string[] = [];
  for (const [width, viewport] of WIDTHS) {
    await member.page.setViewportSize(viewport);
    const dir = path.join(SCREENSHOT_DIR, width);
    await mkdir(dir, { recursive: true });
    for (const screen of screens) {
      await member.page.goto(screen.path);
      await member.waitLive();
      await screen.ready(member);
      // Let lazy images and the fade-in settle before the picture.
      await member.page.waitForLoadState('networkidle');
      const file = path.join(dir, `${screen.name}.png`);
      await member.page.screenshot({ path: file, fullPage: false, animations: 'disabled' });
      written.push(file);
    }
  }
  await member.page.setViewportSize(DESKTOP);
  return written;
}
