/**
 * Why `name` is not a valid SpacetimeDB identifier, or undefined when it is:
 * non-empty, NFC-normalised, starting with XID_Start or `_`, continuing with
 * XID_Continue.
 */
export function identifierProblem(name: string): string | undefined {
  if (name.length === 0) return 'identifier is empty';
  if (name.normalize('NFC') !== name) return `identifier \`${name}\` is not in Unicode NFC form`;
  if (!/^[\p{XID_Start}_]/u.test(name))
    return `identifier \`${name}\` starts with an invalid character`;
  if (!/^.[\p{XID_Continue}]*$/su.test(name)) {
    return `identifier \`${name}\` contains an invalid character`;
  }
  return undefined;
}
