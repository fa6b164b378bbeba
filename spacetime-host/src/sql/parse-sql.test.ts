import { describe, expect, it } from 'vitest';
import { parseSql } from './parse-sql.js';
import { SqlError } from './sql-error.js';

function errorOf(sql: string): SqlError {
  try {
    parseSql(sql);
  } catch (error) {
    if (error instanceof SqlError) return error;
    throw error;
  }
  throw new Error(`expected ${sql} to fail`);
}

describe('parseSql: SELECT', () => {
  it('qualifies bare columns with the only table or its alias', () => {
    expect(parseSql('SELECT a, t.b AS x FROM t WHERE a = 1 AND (b > 2 OR c <> 3) LIMIT 5')).toEqual(
      {
        kind: 'select',
        projection: {
          kind: 'columns',
          columns: [
            { column: { kind: 'field', table: 't', field: 'a' }, alias: 'a' },
            { column: { kind: 'field', table: 't', field: 'b' }, alias: 'x' },
          ],
        },
        from: { table: 't', alias: 't', joins: [] },
        filter: {
          kind: 'log',
          op: 'AND',
          left: {
            kind: 'bin',
            op: '=',
            left: { kind: 'field', table: 't', field: 'a' },
            right: { kind: 'lit', lit: { kind: 'num', text: '1' } },
          },
          right: {
            kind: 'log',
            op: 'OR',
            left: {
              kind: 'bin',
              op: '>',
              left: { kind: 'field', table: 't', field: 'b' },
              right: { kind: 'lit', lit: { kind: 'num', text: '2' } },
            },
            right: {
              kind: 'bin',
              op: '<>',
              left: { kind: 'field', table: 't', field: 'c' },
              right: { kind: 'lit', lit: { kind: 'num', text: '3' } },
            },
          },
        },
        limit: '5',
      },
    );
    const aliased = parseSql('select * from t as r where x != -1.5e3');
    expect(aliased).toMatchObject({
      projection: { kind: 'star' },
      from: { table: 't', alias: 'r' },
      filter: { op: '<>', left: { table: 'r', field: 'x' }, right: { lit: { text: '-1.5e3' } } },
    });
  });

  it('reads every literal form', () => {
    const filter = (where: string) => {
      const statement = parseSql(`select * from t where ${where}`);
      return statement.kind === 'select' ? statement.filter : undefined;
    };
    expect(filter('a = 0xAB')).toMatchObject({ right: { lit: { kind: 'hex', text: 'AB' } } });
    expect(filter("a = X'cd'")).toMatchObject({ right: { lit: { kind: 'hex', text: 'cd' } } });
    expect(filter("a = 'it''s'")).toMatchObject({ right: { lit: { kind: 'str', text: "it's" } } });
    expect(filter('a = TRUE')).toMatchObject({ right: { lit: { kind: 'bool', value: true } } });
    expect(filter('a = +.5')).toMatchObject({ right: { lit: { kind: 'num', text: '+.5' } } });
    expect(filter('a = :sender')).toMatchObject({ right: { kind: 'sender' } });
    expect(filter('false')).toEqual({ kind: 'lit', lit: { kind: 'bool', value: false } });
  });

  it('keeps quoted identifiers exactly and joins namespaced names with dots', () => {
    expect(parseSql('SELECT "Order".* FROM "Order"')).toMatchObject({
      projection: { kind: 'star', table: 'Order' },
      from: { table: 'Order' },
    });
    expect(parseSql('select a from s.t where s.t.a = 1')).toMatchObject({
      from: { table: 's.t', alias: 's.t' },
      filter: { left: { table: 's.t', field: 'a' } },
    });
  });

  it('parses joins, counts and trailing semicolons', () => {
    expect(
      parseSql('select a.* from t a join s b on a.id = b.id inner join u on u.x = b.x;;'),
    ).toMatchObject({
      projection: { kind: 'star', table: 'a' },
      from: {
        table: 't',
        alias: 'a',
        joins: [
          { table: 's', alias: 'b', on: { op: '=', left: { table: 'a', field: 'id' } } },
          { table: 'u', alias: 'u', on: { right: { table: 'b', field: 'x' } } },
        ],
      },
    });
    expect(parseSql('select t.* from t cross join s')).toMatchObject({
      from: { joins: [{ table: 's' }] },
    });
    expect(parseSql('SELECT COUNT(*) AS n FROM t -- comment')).toMatchObject({
      projection: { kind: 'count', alias: 'n' },
    });
    expect(parseSql('select count(*) n from t /* c */')).toMatchObject({
      projection: { kind: 'count', alias: 'n' },
    });
  });

  it.each([
    ['', 'Empty SQL query'],
    [' ; ', 'Empty SQL query'],
    ['select * from t; select * from s', 'Multiple SQL statements are not supported'],
    ['select 1', 'A FROM clause is required'],
    ['select a.*, b from t', 'Mixed wildcard projections are not supported'],
    ['select *, a from t', 'Mixed wildcard projections are not supported'],
    ['select count(*) from t', 'Aggregate expressions must have column aliases'],
    ['select sum(a) as s from t', 'Unsupported aggregate function: sum(a)'],
    ['select a + 1 from t', 'Unsupported projection expression: a + 1'],
    ['select a, count(*) from t group by a', 'Unsupported: select a, count(*) from t group by a'],
    ['select * from t order by a', 'Unsupported: select * from t order by a'],
    ['select distinct a from t', 'Unsupported: select distinct a from t'],
    ["select * from t limit '5'", "Unsupported: select * from t limit '5'"],
    ['select * from t, s', 'Implicit joins are not supported'],
    ['select t.* from t left join s on t.a = s.a', 'Non-inner joins are not supported'],
    ['select t.* from t join s on t.a = 1', 'Non-inner joins are not supported'],
    ['select t.* from t join s on int = u32', 'Names must be qualified when using joins'],
    [
      'select t.* from t join s on t.a = s.a where b = 1',
      'Names must be qualified when using joins',
    ],
    ['select a from t join s', 'Names must be qualified when using joins'],
    ['select * from (select * from t)', 'Unsupported FROM expression: (select * from t)'],
    ['select * from t where a + 1 = 2', 'Unsupported binary operator: +'],
    ['select * from t where not a', 'Unsupported expression: not a'],
    ['select * from t where a is null', 'Unsupported expression: a is null'],
    ['select * from t where a in (1, 2)', 'Unsupported expression: a in (1, 2)'],
    ["select * from t where a like 'x%'", "Unsupported expression: a like 'x%'"],
    ['select * from t where a = null', 'Unsupported literal expression: null'],
    ["select * from t where a = B'1010'", "Unsupported literal expression: B'1010'"],
    ['select * from t where a = $1', 'Unsupported literal expression: $1'],
    ['select * from t where a = -b', 'Unsupported expression: -b'],
    ['select * from t where f(a) = 1', 'Unsupported expression: f(a)'],
    ['select * from t union select * from s', 'Unsupported: select * from t union select * from s'],
    ['create table t (a int)', 'Unsupported: create table t (a int)'],
  ])('rejects %j as unsupported', (sql, message) => {
    const error = errorOf(sql);
    expect(error.message).toBe(message);
    expect(error.kind).toBe('unsupported');
  });

  it.each([
    ['select from where', /Expected/],
    ['select a from where b = 1', /Expected/],
    ['select a from t where', /Expected an expression/],
    ['select * from t x y', /Expected end of statement, found: y/],
    ["select * from t where a = 'oops", /Unterminated string literal/],
    ['hello world', /Expected an SQL statement, found: hello/],
    ['select * from t where (a = 1', /Expected \), found: EOF/],
    ['select # from t', /Unexpected character '#'/],
  ])('rejects %j as a syntax error', (sql, message) => {
    const error = errorOf(sql);
    expect(error.kind).toBe('syntax');
    expect(error.message).toMatch(/^sql parser error: /);
    expect(error.message).toMatch(message);
  });

  it('refuses deep nesting and endless chains instead of overflowing the stack', () => {
    const nested = (n: number) => `select * from t where ${'('.repeat(n)}a = 1${')'.repeat(n)}`;
    expect(parseSql(nested(40))).toMatchObject({ kind: 'select' });
    expect(errorOf(nested(5000)).message).toBe('sql parser error: recursion limit exceeded');
    const chain = (n: number) => `select * from t where ${Array(n).fill('a = 1').join(' and ')}`;
    expect(parseSql(chain(1000))).toMatchObject({ kind: 'select' });
    expect(errorOf(chain(2000)).message).toBe('Recursion limit exceeded, `sql-parser::parse_expr`');
  });
});

describe('parseSql: DML, SET and SHOW', () => {
  it('parses INSERT with several rows of signed literals', () => {
    expect(parseSql("INSERT INTO t (a, b) VALUES (-1, 'x'), (+2.5, 0xff)")).toEqual({
      kind: 'insert',
      table: 't',
      columns: ['a', 'b'],
      rows: [
        [
          { kind: 'num', text: '-1' },
          { kind: 'str', text: 'x' },
        ],
        [
          { kind: 'num', text: '+2.5' },
          { kind: 'hex', text: 'ff' },
        ],
      ],
    });
    expect(parseSql('insert into t values (true)')).toMatchObject({
      columns: [],
      rows: [[{ kind: 'bool' }]],
    });
  });

  it('parses UPDATE and DELETE, qualifying the filter with the table', () => {
    expect(parseSql("update t set a = 1, b = 'two' where c = :sender")).toEqual({
      kind: 'update',
      table: 't',
      assignments: [
        { column: 'a', value: { kind: 'num', text: '1' } },
        { column: 'b', value: { kind: 'str', text: 'two' } },
      ],
      filter: {
        kind: 'bin',
        op: '=',
        left: { kind: 'field', table: 't', field: 'c' },
        right: { kind: 'sender' },
      },
    });
    expect(parseSql('delete from t')).toEqual({ kind: 'delete', table: 't', filter: undefined });
    expect(parseSql('DELETE FROM t WHERE a = +1')).toMatchObject({
      filter: { left: { table: 't', field: 'a' }, right: { lit: { text: '+1' } } },
    });
  });

  it('parses SET and SHOW', () => {
    expect(parseSql('SET row_limit = 10')).toEqual({
      kind: 'set',
      name: 'row_limit',
      value: { kind: 'num', text: '10' },
    });
    expect(parseSql('set y to +2.5')).toEqual({
      kind: 'set',
      name: 'y',
      value: { kind: 'num', text: '+2.5' },
    });
    expect(parseSql('SHOW row_limit')).toEqual({ kind: 'show', name: 'row_limit' });
  });

  it.each([
    ['insert into t select * from s', 'Unsupported INSERT expression: select * from s'],
    ['insert into t values (a)', 'Unsupported INSERT value: a'],
    ['insert into t values (1 + 1)', 'Unsupported INSERT value: 1 + 1'],
    ['insert into t values (null)', 'Unsupported literal expression: null'],
    ['update t set a = b', 'Unsupported column/variable assignment expression: b'],
    [
      'update t set a = 1 from s where t.id = s.id',
      'Unsupported: update t set a = 1 from s where t.id = s.id',
    ],
    [
      'update t as a join s as b on a.id = b.id set c = 1',
      'Unsupported: update t as a join s as b on a.id = b.id set c = 1',
    ],
    ['delete from t as x where x.a = 1', 'Unsupported table expression in DELETE: t as x'],
    ['delete from t, s', 'Multi-table DELETE is not supported'],
    ['set x = 1, 2', 'Unsupported: set x = 1, 2'],
    ['show tables', 'Unsupported: show tables'],
  ])('rejects %j', (sql, message) => {
    expect(errorOf(sql).message).toBe(message);
  });
});
