import { describe, expect, it } from 'vitest';
import { describeFailures, listInWords } from './subscription-failure';

describe('a refused view, in words', () => {
  it('names the part of Kith that is missing, and why in plain words', () => {
    const words = describeFailures([
      { view: 'myNotification', reason: 'view my_notification: Error: index out of range' },
    ]);
    expect(words).toEqual({
      what: 'your notifications',
      why: 'Kith’s server ran into a problem preparing it.',
    });
  });

  it('names each part once, however many of its views failed', () => {
    const words = describeFailures([
      { view: 'publicPost', reason: 'boom' },
      { view: 'friendPost', reason: 'boom' },
      { view: 'myFriendship', reason: 'boom' },
      { view: 'myNotification', reason: 'bang' },
    ]);
    expect(words.what).toBe('your feed, your friends and your notifications');
  });

  it('asks for a reload when the server does not have the view (another version of Kith)', () => {
    const words = describeFailures([
      {
        view: 'visibleTyping',
        reason: 'no such table: `visible_typing`. If the table exists, it may be marked private.',
      },
    ]);
    expect(words.what).toBe('who is typing');
    expect(words.why).toBe('this page is older or newer than Kith’s server. Reload the page.');
  });

  it('names the admin area’s parts too', () => {
    const words = describeFailures([
      { view: 'adminReport', reason: 'boom' },
      { view: 'adminReportedPost', reason: 'boom' },
      { view: 'adminAuditLog', reason: 'boom' },
    ]);
    expect(words.what).toBe('the reports queue and the audit log');
  });

  it('does not blame the version for a view’s own error that happens to say "not found"', () => {
    const words = describeFailures([
      { view: 'myNotification', reason: 'view my_notification: Error: post 7 not found' },
    ]);
    expect(words.why).toBe('Kith’s server ran into a problem preparing it.');
  });

  it('still says something for a view it has no words for', () => {
    expect(describeFailures([{ view: 'somethingNew', reason: 'x' }]).what).toBe('part of Kith');
  });

  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 'b'], 'a and b'],
    [['a', 'b', 'c'], 'a, b and c'],
  ])('lists %j as "%s"', (items, words) => {
    expect(listInWords(items)).toBe(words);
  });
});
