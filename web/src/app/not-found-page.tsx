import { A } from '@solidjs/router';
import { EmptyState } from '../ui/empty-state';
import { usePageTitle } from '../ui/page-title';

export function NotFoundPage() {
  usePageTitle(() => 'Not found');
  return (
    <EmptyState title="There is nothing here">
      <p>
        The link may be old, or the page was removed. <A href="/">Go to your feed</A>.
      </p>
    </EmptyState>
  );
}
