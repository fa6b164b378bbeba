// Whether the signed-in person is an admin: their API role (which their
// tokens carry) or the module's record of it.
import { session } from '../auth/session-store';
import { useLive } from '../live/live-context';

export function useIsAdmin(): () => boolean {
  const { data } = useLive();
  return () => session()?.user.role === 'admin' || data.me()?.tokenRole === 'admin';
}
