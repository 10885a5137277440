import type { TargetedKeyboardEvent } from 'preact';
import type { Queue } from '../lib/incidentQueues';

interface Props {
  queues: Queue[];
  value: string;
  onValue: (id: string) => void;
  /** Id of the element the tabs control (the results). */
  controls: string;
}

/** Queue switcher following the ARIA tabs pattern: arrow keys, Home and End move and select. */
export function QueueTabs({ queues, value, onValue, controls }: Props) {
  const onKey = (e: TargetedKeyboardEvent<HTMLDivElement>) => {
    const i = queues.findIndex((q) => q.id === value);
    let next = -1;
    if (e.key === 'ArrowRight') next = (i + 1) % queues.length;
    else if (e.key === 'ArrowLeft') next = (i - 1 + queues.length) % queues.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = queues.length - 1;
    if (next < 0) return;
    e.preventDefault();
    onValue(queues[next].id);
    document.getElementById(`queue-tab-${queues[next].id}`)?.focus();
  };
  return (
    <div class="queue-tabs" role="tablist" aria-label="Queues" onKeyDown={onKey}>
      {queues.map((q) => {
        const selected = q.id === value;
        return (
          <button
            key={q.id}
            type="button"
            role="tab"
            id={`queue-tab-${q.id}`}
            aria-selected={selected}
            aria-controls={controls}
            tabIndex={selected ? 0 : -1}
            class={`queue-tab${selected ? ' selected' : ''}${q.id === 'overdue' ? ' queue-overdue' : ''}`}
            onClick={() => onValue(q.id)}
            data-testid={`queue-${q.id}`}
          >
            {q.label}
          </button>
        );
      })}
    </div>
  );
}
