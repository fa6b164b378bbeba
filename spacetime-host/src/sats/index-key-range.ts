import { BsatnError } from './bsatn-error.js';
import { prefixSuccessor } from './key-writer.js';

/** `datastore_index_scan_range_bsatn` arguments: `buf` is `[prefix | rstart | rend]`. */
export interface IndexRangeBytes {
  readonly buf: Uint8Array;
  readonly prefixLen: number;
  readonly prefixElems: number;
  readonly rstartLen: number;
  /** 0 means rend equals rstart. */
  readonly rendLen: number;
}

/** Key bounds; an undefined bound is unbounded. `point` is set when the range is one key. */
export interface KeyRange {
  readonly lo: string | number | undefined;
  readonly loInclusive: boolean;
  readonly hi: string | number | undefined;
  readonly hiInclusive: boolean;
  readonly point?: string | number;
}

/** Encodes key element `i` found at `start` in `bytes`; returns its key part and end offset. */
export type ElementKeyEncoder = (
  i: number,
  bytes: Uint8Array,
  start: number,
) => { end: number; units: string | number };

type Bound =
  | { readonly kind: 'included' | 'excluded'; readonly key: string | number }
  | { readonly kind: 'unbounded' };

const BOUND_KINDS = ['included', 'excluded', 'unbounded'] as const;

/**
 * The first `prefixElems` key elements equal the prefix; element
 * `prefixElems` lies between rstart and rend (tag 0 included, 1 excluded,
 * 2 unbounded). Earlier elements are self-delimiting, so "every key whose
 * element k equals v" is every key starting with prefix+enc(v), and its upper
 * end is that string's prefix successor.
 */
export function decodeKeyRange(
  args: IndexRangeBytes,
  elemCount: number,
  encode: ElementKeyEncoder,
): KeyRange {
  const { buf, prefixLen, prefixElems: k, rstartLen, rendLen } = args;
  if (
    prefixLen < 0 ||
    rstartLen < 0 ||
    rendLen < 0 ||
    prefixLen + rstartLen + rendLen > buf.length
  ) {
    throw new BsatnError('range scan arguments run past the buffer');
  }
  if (k >= elemCount) {
    throw new BsatnError(
      `prefix of ${k} element(s) leaves no room for a range in a ${elemCount}-element index key`,
    );
  }
  if (k === 0 && prefixLen !== 0)
    throw new BsatnError('a prefix was provided but prefix_elems = 0');

  const prefixBytes = buf.subarray(0, prefixLen);
  let prefix = '';
  let at = 0;
  for (let i = 0; i < k; i++) {
    const part = encode(i, prefixBytes, at);
    prefix += part.units;
    at = part.end;
  }
  if (at !== prefixLen) throw new BsatnError(`${prefixLen - at} trailing byte(s) after the prefix`);

  const readBound = (bytes: Uint8Array): Bound => {
    if (bytes.length === 0) throw new BsatnError('range bound is empty');
    const kind = BOUND_KINDS[bytes[0]!];
    if (kind === undefined) throw new BsatnError(`range bound tag ${bytes[0]} is not 0, 1 or 2`);
    if (kind === 'unbounded') {
      if (bytes.length !== 1) throw new BsatnError('trailing bytes after an unbounded bound');
      return { kind };
    }
    const part = encode(k, bytes, 1);
    if (part.end !== bytes.length) {
      throw new BsatnError(`${bytes.length - part.end} trailing byte(s) after a range bound`);
    }
    return { kind, key: k === 0 ? part.units : prefix + part.units };
  };
  const startAt = prefixLen;
  const endAt = prefixLen + rstartLen;
  const start = readBound(buf.subarray(startAt, endAt));
  const end = rendLen === 0 ? start : readBound(buf.subarray(endAt, endAt + rendLen));
  return combine(prefix, start, end, k === elemCount - 1);
}

function combine(prefix: string, start: Bound, end: Bound, last: boolean): KeyRange {
  let lo: string | number | undefined;
  let loInclusive = true;
  let hi: string | number | undefined;
  let hiInclusive = false;

  if (start.kind === 'unbounded') {
    lo = prefix === '' ? undefined : prefix;
  } else if (start.kind === 'included' || last) {
    lo = start.key;
    loInclusive = start.kind === 'included';
  } else {
    lo = prefixSuccessor(start.key as string);
    if (lo === undefined) return EMPTY;
  }

  if (end.kind === 'unbounded') {
    hi = prefix === '' ? undefined : prefixSuccessor(prefix);
  } else if (end.kind === 'excluded') {
    hi = end.key;
  } else if (last) {
    hi = end.key;
    hiInclusive = true;
  } else {
    hi = prefixSuccessor(end.key as string);
  }

  const point =
    last && start.kind === 'included' && end.kind === 'included' && start.key === end.key
      ? start.key
      : undefined;
  return point === undefined
    ? { lo, loInclusive, hi, hiInclusive }
    : { lo, loInclusive, hi, hiInclusive, point };
}

const EMPTY: KeyRange = { lo: '', loInclusive: false, hi: '', hiInclusive: false };
