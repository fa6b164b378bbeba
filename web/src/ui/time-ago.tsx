import { now } from './now';
import { relativeTime } from './relative-time';

export function TimeAgo(props: { readonly at: Date; readonly prefix?: string }) {
  return (
    <time datetime={props.at.toISOString()} title={props.at.toLocaleString()}>
      {props.prefix ?? ''}
      {relativeTime(props.at, now())}
    </time>
  );
}
