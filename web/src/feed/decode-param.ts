// A route parameter as text: /u/%C3%A9mile is "émile". A malformed escape
// (/tag/100%, /u/a%zz) is not an error the app can fall over on; it is
// kept as typed, so the page says there is no such member or tag.
export function decodeParam(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
