// "120 / 5000": how much room is left, turning to a warning near the limit.
export function CharacterCount(props: {
  readonly id: string;
  readonly length: number;
  readonly max: number;
}) {
  const left = () => props.max - props.length;
  return (
    <span
      id={props.id}
      class="char-count"
      classList={{ near: left() <= props.max / 10 && left() >= 0, over: left() < 0 }}
    >
      <span class="visually-hidden">Characters used: </span>
      {props.length} / {props.max}
      {left() < 0 ? ` (${-left()} too many)` : ''}
    </span>
  );
}
