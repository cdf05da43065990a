import { useEffect, useId, useState, type RefObject } from 'react';

/** A follower this far from the leader (seconds) is moved back in step. */
const DRIFT = 0.15;

function clock(s: number): string {
  if (!Number.isFinite(s)) return '0:00';
  const whole = Math.floor(s);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * One play/pause and one seek bar for every clip on the stage: the first clip leads, the others
 * follow its time, so the same moment of each output is seen together. Keyed by the clips on
 * the stage, so it starts afresh (paused, at their time) when they change.
 */
export function SyncedVideoControls({ stage }: { stage: RefObject<HTMLElement | null> }) {
  const id = useId();
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const videos = () => [...(stage.current?.querySelectorAll('video') ?? [])];

  useEffect(() => {
    const [leader, ...followers] = [...(stage.current?.querySelectorAll('video') ?? [])];
    if (!leader) return;
    const sync = () => {
      setTime(leader.currentTime);
      for (const f of followers) {
        if (Math.abs(f.currentTime - leader.currentTime) > DRIFT)
          f.currentTime = leader.currentTime;
      }
    };
    const meta = () => setDuration(Number.isFinite(leader.duration) ? leader.duration : 0);
    const play = () => setPlaying(true);
    const pause = () => setPlaying(false);
    // New clips on the stage start together, paused (this control is remounted with them).
    for (const v of [leader, ...followers]) v.pause();
    if (leader.readyState >= 1) meta();
    leader.addEventListener('timeupdate', sync);
    leader.addEventListener('seeked', sync);
    leader.addEventListener('loadedmetadata', meta);
    leader.addEventListener('durationchange', meta);
    leader.addEventListener('play', play);
    leader.addEventListener('pause', pause);
    return () => {
      leader.removeEventListener('timeupdate', sync);
      leader.removeEventListener('seeked', sync);
      leader.removeEventListener('loadedmetadata', meta);
      leader.removeEventListener('durationchange', meta);
      leader.removeEventListener('play', play);
      leader.removeEventListener('pause', pause);
    };
  }, [stage]);

  const toggle = () => {
    const all = videos();
    if (playing) {
      for (const v of all) v.pause();
      return;
    }
    const at = all[0]?.currentTime ?? 0;
    for (const v of all) {
      v.currentTime = at;
      // A clip that cannot play (an unsupported format) must not stop the others.
      v.play().catch(() => undefined);
    }
  };

  return (
    <div className="judge-video-controls" data-testid="video-controls">
      <button type="button" className="button button-small" onClick={toggle}>
        {playing ? 'Pause' : 'Play'}
        <span className="visually-hidden"> both clips</span>
      </button>
      <label className="judge-seek" htmlFor={`${id}-seek`}>
        <span className="visually-hidden">Position in both clips</span>
        <input
          id={`${id}-seek`}
          type="range"
          min={0}
          max={duration || 0}
          step={0.05}
          value={Math.min(time, duration || 0)}
          aria-valuetext={`${clock(time)} of ${clock(duration)}`}
          onChange={(e) => {
            const t = Number(e.target.value);
            for (const v of videos()) v.currentTime = t;
            setTime(t);
          }}
        />
      </label>
      <span className="muted judge-clock" aria-hidden="true">
        {clock(time)} / {clock(duration)}
      </span>
    </div>
  );
}
