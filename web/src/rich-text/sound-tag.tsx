// `&user.sound`: a button that plays the clip when the sound exists and is
// approved (or is the writer's own), plain text otherwise.
import { createSignal, Show } from 'solid-js';
import { SoundIcon } from '../ui/icons';
import { useTextResolver } from './text-resolver';

export interface SoundTagProps {
  readonly text: string;
  readonly username: string | null;
  readonly sound: string;
  readonly authorUsername: string | undefined;
}

export function SoundTag(props: SoundTagProps) {
  const resolver = useTextResolver();
  const url = () => resolver.soundUrl(props.username, props.sound, props.authorUsername);
  const [playing, setPlaying] = createSignal(false);
  let audio: HTMLAudioElement | undefined;
  const play = (clip: string) => {
    audio ??= new Audio();
    if (playing()) {
      audio.pause();
      audio.currentTime = 0;
      setPlaying(false);
      return;
    }
    audio.src = clip;
    audio.onended = () => setPlaying(false);
    audio.onpause = () => setPlaying(false);
    setPlaying(true);
    audio.play().catch(() => setPlaying(false));
  };
  return (
    <Show when={url()} fallback={props.text}>
      {(clip) => (
        <button
          type="button"
          class="sound-tag"
          aria-pressed={playing()}
          aria-label={`Play sound ${props.text}`}
          onClick={() => play(clip())}
        >
          <SoundIcon />
          {props.text}
        </button>
      )}
    </Show>
  );
}
