// Reporting a post, a comment or a member to the admins, with a confirmation.
import type { Act } from '../live/act';
import { showToast } from '../ui/toasts';

export type ReportTarget = 'post' | 'comment' | 'account';

export async function sendReport(
  act: Act,
  targetKind: ReportTarget,
  targetId: string,
  reason: string,
): Promise<void> {
  await act((r) => r.reportContent({ targetKind, targetId, reason }));
  showToast('Report sent. Only admins see it; they will look at it soon.');
}
