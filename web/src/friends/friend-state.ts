// Where the person stands with another member, which decides what the
// friend button offers.
export type FriendState =
  | 'self'
  | 'friends'
  | 'request-sent'
  | 'request-received'
  | 'blocked'
  | 'strangers';

export interface GraphFacts {
  readonly myHex: string | undefined;
  isFriend(hex: string): boolean;
  hasBlocked(hex: string): boolean;
  readonly sentTo: ReadonlySet<string>;
  readonly receivedFrom: ReadonlySet<string>;
}

export function friendState(facts: GraphFacts, otherHex: string): FriendState {
  if (otherHex === facts.myHex) return 'self';
  if (facts.hasBlocked(otherHex)) return 'blocked';
  if (facts.isFriend(otherHex)) return 'friends';
  if (facts.receivedFrom.has(otherHex)) return 'request-received';
  if (facts.sentTo.has(otherHex)) return 'request-sent';
  return 'strangers';
}
