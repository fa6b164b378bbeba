import { describe, expect, it } from 'vitest';
import { convertCase } from './case-conversion.js';

describe('convertCase', () => {
  it.each([
    ['accounts', 'accounts'],
    ['userProfiles', 'user_profiles'],
    ['UserProfiles', 'user_profiles'],
    ['scheduledTable', 'scheduled_table'],
    ['IOStream', 'io_stream'],
    ['HTTPServerError', 'http_server_error'],
    ['player2Score', 'player_2_score'],
    ['v2', 'v_2'],
    ['item_2', 'item_2'],
    ['A1b', 'a_1_b'],
    ['__leading__double', 'leading_double'],
    ['kebab-case name', 'kebab_case_name'],
    ['already_snake_case', 'already_snake_case'],
    ['XMLHttpRequest', 'xml_http_request'],
    ['ÄpfelBirnen', 'äpfel_birnen'],
  ])('snake_case(%s) = %s', (input, expected) => {
    expect(convertCase(input, 'snake')).toBe(expected);
  });

  it.each([
    ['Interval', 'interval'],
    ['some_variant', 'someVariant'],
    ['HTTPServer', 'httpServer'],
    ['red', 'red'],
  ])('camelCase(%s) = %s', (input, expected) => {
    expect(convertCase(input, 'camel')).toBe(expected);
  });

  it('PascalCase', () => {
    expect(convertCase('user_profiles', 'pascal')).toBe('UserProfiles');
  });
});
