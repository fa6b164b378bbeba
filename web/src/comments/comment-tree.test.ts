import { describe, expect, it } from 'vitest';
import {
  buildThread,
  childIds,
  countShown,
  type ThreadComment,
  type ThreadNode,
  TOP_LEVEL,
  withRestorable,
} from './comment-tree';

const c = (id: number, parent: number, at: number, deleted = false): ThreadComment => ({
  id: BigInt(id),
  parentId: BigInt(parent),
  createdAt: BigInt(at),
  deleted,
});

/** The thread as nested ids, e.g. [1, [3]], 2 → [[1, [[3, []]]], [2, []]]. */
function shape(nodes: readonly ThreadNode<ThreadComment>[]): unknown[] {
  return nodes.map((node) => [Number(node.comment.id), shape(node.replies)]);
}

describe('comment threads', () => {
  it('nests replies under their parent, oldest first at each level', () => {
    const thread = buildThread([c(3, 1, 30), c(2, 0, 20), c(1, 0, 10), c(4, 1, 25), c(5, 4, 40)]);
    expect(shape(thread)).toEqual([
      [
        1,
        [
          [4, [[5, []]]],
          [3, []],
        ],
      ],
      [2, []],
    ]);
  });

  it('keeps a deleted comment with replies as a tombstone and drops one without', () => {
    const thread = buildThread([c(1, 0, 10, true), c(2, 1, 20), c(3, 0, 30, true)]);
    expect(shape(thread)).toEqual([[1, [[2, []]]]]);
    expect(countShown(thread)).toBe(1);
  });

  it('drops a deleted chain whose replies are all deleted too', () => {
    expect(buildThread([c(1, 0, 10, true), c(2, 1, 20, true)])).toEqual([]);
  });

  it('lifts a reply whose parent is not visible to the top level', () => {
    const thread = buildThread([c(2, 99, 20), c(1, 0, 10)]);
    expect(shape(thread)).toEqual([
      [1, []],
      [2, []],
    ]);
  });

  it('orders comments written in the same microsecond by id', () => {
    expect(shape(buildThread([c(2, 0, 10), c(1, 0, 10)]))).toEqual([
      [1, []],
      [2, []],
    ]);
  });
});

describe('one’s own restorable comments', () => {
  it('stay in their place for their author: a tombstone of theirs, and one that went', () => {
    // 1 is the reader's tombstone with a reply; 3 (a reply to 2) went, having none.
    const others = [c(1, 0, 10, true), c(2, 0, 20), c(4, 1, 40)];
    const mine = [c(1, 0, 10), c(3, 2, 30)];
    const thread = buildThread(withRestorable(others, mine));
    expect(shape(thread)).toEqual([
      [1, [[4, []]]],
      [2, [[3, []]]],
    ]);
    // Without them, the thread is what everyone else sees.
    expect(shape(buildThread(withRestorable(others, [])))).toEqual([
      [1, [[4, []]]],
      [2, []],
    ]);
  });
});

describe('thread ids', () => {
  it('lists the ids under each parent, the top level under TOP_LEVEL', () => {
    const ids = childIds(buildThread([c(1, 0, 10), c(2, 1, 20), c(3, 0, 30)]));
    expect([...ids.entries()]).toEqual([
      [TOP_LEVEL, [1n, 3n]],
      [1n, [2n]],
    ]);
  });
});
