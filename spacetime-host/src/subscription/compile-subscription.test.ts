import { describe, expect, it } from 'vitest';
import { compileSubscription } from './compile-subscription.js';
import { SubscriptionSqlError } from './subscription-error.js';
import { ALICE, BOB, OWNER, testSchema } from './testing/test-schema.js';

const schema = testSchema();
const compile = (sql: string, sender = ALICE) =>
  compileSubscription(sql, { schema, sender, callerIsOwner: sender === OWNER });

function errorOf(sql: string, sender = ALICE): SubscriptionSqlError {
  try {
    compile(sql, sender);
  } catch (error) {
    if (error instanceof SubscriptionSqlError) return error;
    throw error;
  }
  throw new Error(`compiled: ${sql}`);
}

const RETURN_TYPE =
  'Column projections are not supported in subscriptions; Subscriptions must return a table type';
const NEEDS_INDEX = 'Subscriptions require indexes on join columns';

describe('compileSubscription refuses what SpacetimeDB refuses, with its message', () => {
  it.each([
    ['', 'Empty string'],
    ['   ', 'Empty string'],
    ['DELETE FROM users', 'Unsupported: Non-SELECT queries'],
    ['INSERT INTO follows VALUES (1, 2)', 'Unsupported: Non-SELECT queries'],
    ['UPDATE users SET age = 1', 'Unsupported: Non-SELECT queries'],
    ['CREATE TABLE t (a INT)', 'Unsupported: Non-SELECT queries'],
    ['SELECT * FROM users LIMIT 5', 'Unsupported: SELECT * FROM users LIMIT 5'],
    ['SELECT name FROM users', RETURN_TYPE],
    ['SELECT users.name, users.age FROM users', RETURN_TYPE],
    ['SELECT COUNT(*) AS n FROM users', RETURN_TYPE],
    ['SELECT * FROM nope', 'no such table: `nope`. If the table exists, it may be marked private.'],
    [
      'SELECT * FROM secrets',
      'no such table: `secrets`. If the table exists, it may be marked private.',
    ],
    [
      'SELECT * FROM users WHERE age = 300',
      'The literal expression `300` cannot be parsed as type `U8`',
    ],
    [
      "SELECT * FROM users WHERE age = 'old'",
      'The literal expression `old` cannot be parsed as type `U8`',
    ],
    [
      'SELECT * FROM users JOIN posts ON users.id = posts.author',
      'SELECT * is not supported for joins',
    ],
    ['SELECT * FROM users; SELECT * FROM posts', 'Multiple SQL statements are not supported'],
    ['SELECT users.* FROM users JOIN posts', NEEDS_INDEX],
    // The joined table is the lookup side unless only it has a filter: follows.follower has no index.
    ['SELECT users.* FROM users JOIN follows ON users.id = follows.follower', NEEDS_INDEX],
    // A btree led by the join column is not enough: the join column must be the index's last.
    ['SELECT users.* FROM users JOIN scores ON users.id = scores.player', NEEDS_INDEX],
    // (player, level) serves a join on level only when WHERE fixes player.
    [
      'SELECT users.* FROM users JOIN scores ON users.id = scores.level WHERE users.age > 1',
      NEEDS_INDEX,
    ],
    [
      'SELECT users.* FROM users JOIN posts ON users.id = posts.author JOIN follows ON follows.follower = users.id',
      'Invalid number of tables in subscription: 3',
    ],
    [
      'SELECT users.* FROM users JOIN pings ON users.id = pings.user_id',
      'Event tables cannot be used as the lookup table in subscription joins',
    ],
    [
      'SELECT pings.* FROM pings JOIN users ON pings.user_id = users.id WHERE users.active = true',
      'Event tables cannot be used as the lookup table in subscription joins',
    ],
  ])('%j', (sql, message) => {
    const error = errorOf(sql);
    expect(error.kind).toBe('sql');
    expect(error.message).toBe(`${message}, executing: \`${sql.trim()}\``);
  });

  it('refuses other SQL it cannot run with an error, never a crash', () => {
    for (const sql of [
      'SELEC * FROM users',
      'SELECT * FROM users WHERE',
      'SELECT * FROM users ORDER BY id',
      'SELECT DISTINCT * FROM users',
      'SELECT * FROM users GROUP BY id',
      'SELECT * FROM users WHERE nope = 1',
      'SELECT * FROM users WHERE users.owner > 1',
      'SELECT * FROM kinds WHERE dur = 1',
      'SELECT * FROM users u JOIN posts p ON u.id = p.author WHERE id = 1',
      'SELECT x.* FROM users',
      `SELECT * FROM users WHERE ${'('.repeat(5000)}age = 1${')'.repeat(5000)}`,
      `SELECT * FROM users WHERE ${Array.from({ length: 3000 }, (_, i) => `age = ${i % 200}`).join(' OR ')}`,
    ]) {
      const error = errorOf(sql);
      expect(error.message.endsWith(`, executing: \`${sql}\``)).toBe(true);
    }
  });

  it('refuses queries longer than SpacetimeDB allows', () => {
    const sql = `SELECT * FROM users WHERE name = '${'x'.repeat(50_000)}'`;
    expect(errorOf(sql).message).toBe(
      `SQL query exceeds maximum allowed length: "${sql.slice(0, 120)}...", executing: \`${sql}\``,
    );
  });
});

describe('compileSubscription accepts', () => {
  it('the joins SpacetimeDB can run as index joins', () => {
    for (const sql of [
      'SELECT posts.* FROM posts JOIN users ON posts.author = users.id',
      'SELECT users.* FROM users JOIN posts ON users.id = posts.author',
      // Only follows is filtered, so users becomes the lookup side.
      'SELECT users.* FROM users JOIN follows ON users.id = follows.follower WHERE follows.followee = 1',
      'SELECT users.* FROM users JOIN scores ON users.id = scores.level WHERE scores.player = 1 AND users.age > 0',
      'SELECT a.* FROM users AS a INNER JOIN posts AS b ON b.author = a.id WHERE b.likes > 3 OR a.age = 2',
      'SELECT pings.* FROM pings JOIN users ON pings.user_id = users.id',
    ]) {
      expect(compile(sql)).toHaveLength(1);
    }
  });

  it('private tables for the owner', () => {
    expect(compile('SELECT * FROM secrets', OWNER)[0]!.tableName).toBe('secrets');
  });

  it('names the returned table by its canonical name, whatever the alias', () => {
    const [plan] = compile('SELECT p.* FROM users u JOIN posts p ON p.author = u.id');
    expect(plan!.tableName).toBe('posts');
    expect(plan!.returnRel).toBe(1);
  });

  it('keys a query by its text, and by the caller too when it reads :sender or a per-sender view', () => {
    const key = (sql: string, sender: bigint) => compile(sql, sender)[0]!.key;
    expect(key(' SELECT * FROM users ', ALICE)).toBe(key('SELECT * FROM users', BOB));
    expect(key('SELECT * FROM adults', ALICE)).toBe(key('SELECT * FROM adults', BOB));
    expect(key('SELECT * FROM users WHERE owner = :sender', ALICE)).not.toBe(
      key('SELECT * FROM users WHERE owner = :sender', BOB),
    );
    expect(key('SELECT * FROM my_user', ALICE)).not.toBe(key('SELECT * FROM my_user', BOB));
  });

  it('routes by the values of a top-level equality, or not at all', () => {
    const search = (where: string) =>
      compile(`SELECT * FROM users WHERE ${where}`)[0]!.rels[0]!.search;
    expect(search('id = 3')).toEqual({ col: 0, values: [Uint8Array.of(3, 0, 0, 0)] });
    expect(search("age > 3 AND name = 'x'")?.col).toBe(1);
    expect(search('id = 1 OR id = 2 OR id = 1')?.values).toHaveLength(2);
    expect(search('id = 1 OR age = 2')).toBeUndefined();
    expect(search('id > 1')).toBeUndefined();
    expect(compile('SELECT * FROM kinds WHERE f64 = 1')[0]!.rels[0]!.search).toBeUndefined();
  });
});
