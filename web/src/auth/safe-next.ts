// Where to go after signing in: a path on this site from ?next=, never
// another origin (an open redirect would let a link send people anywhere).
export function safeNext(next: string | undefined): string {
  if (next === undefined || !next.startsWith('/') || next.startsWith('//')) return '/';
  if (next.startsWith('/login') || next.startsWith('/signup')) return '/';
  return next;
}
