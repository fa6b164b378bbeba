import { createMemo } from 'solid-js';
import { useLive } from '../live/live-context';
import { type FriendState, friendState } from './friend-state';

/** Where the person stands with `otherHex`, live. */
export function useFriendState(otherHex: () => string): () => FriendState {
  const { data } = useLive();
  const sentTo = createMemo(
    () => new Set(data.outgoingRequests().map((row) => row.recipientId.toHexString())),
  );
  const receivedFrom = createMemo(
    () => new Set(data.incomingRequests().map((row) => row.senderId.toHexString())),
  );
  return () =>
    friendState(
      {
        myHex: data.myHex(),
        isFriend: data.isFriend,
        hasBlocked: data.hasBlocked,
        sentTo: sentTo(),
        receivedFrom: receivedFrom(),
      },
      otherHex(),
    );
}
