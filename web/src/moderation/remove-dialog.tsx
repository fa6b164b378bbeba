// The one way an admin removes a post or a comment for everyone: a reason,
// kept in the audit log, then the module's remove reducer.
import { MODERATION_REASON_MAX_LENGTH } from '@kith/shared/limits';
import { useLive } from '../live/live-context';
import { ReasonDialog } from '../ui/reason-dialog';

export type RemovalTarget =
  | { readonly kind: 'post'; readonly postId: bigint }
  | { readonly kind: 'comment'; readonly commentId: bigint };

export interface RemoveDialogProps {
  readonly open: boolean;
  readonly target: RemovalTarget;
  readonly onClose: () => void;
}

export function RemoveDialog(props: RemoveDialogProps) {
  const { act } = useLive();
  const remove = (reason: string) => {
    const target = props.target;
    return act((r) =>
      target.kind === 'post'
        ? r.removePost({ postId: target.postId, reason })
        : r.removeComment({ commentId: target.commentId, reason }),
    );
  };
  return (
    <ReasonDialog
      open={props.open}
      title={`Remove this ${props.target.kind} for everyone`}
      label="Reason (kept in the audit log)"
      confirmLabel={`Remove ${props.target.kind}`}
      danger
      maxLength={MODERATION_REASON_MAX_LENGTH}
      onClose={props.onClose}
      onConfirm={remove}
    />
  );
}
