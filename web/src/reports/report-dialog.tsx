// The one way to report a post, a comment or a member: a reason, sent to the
// admins' queue, confirmed with a toast.
import { REPORT_REASON_MAX_LENGTH } from '@kith/shared/limits';
import { useLive } from '../live/live-context';
import { ReasonDialog } from '../ui/reason-dialog';
import { type ReportTarget, sendReport } from './send-report';

export interface ReportDialogProps {
  readonly open: boolean;
  /** What the dialog is titled, e.g. "Report this post". */
  readonly title: string;
  readonly targetKind: ReportTarget;
  readonly targetId: string;
  readonly onClose: () => void;
}

export function ReportDialog(props: ReportDialogProps) {
  const { act } = useLive();
  return (
    <ReasonDialog
      open={props.open}
      title={props.title}
      label="What is wrong with it? Only admins see your report."
      confirmLabel="Send report"
      maxLength={REPORT_REASON_MAX_LENGTH}
      onClose={props.onClose}
      onConfirm={(reason) => sendReport(act, props.targetKind, props.targetId, reason)}
    />
  );
}
