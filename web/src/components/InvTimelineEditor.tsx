import { isoToLocalInput, localInputToIso } from '../lib/datetime';
import { invFieldId, removeAt, replaceAt, type TimelineFact } from '../lib/investigations';
import { TextField } from './Field';

interface Props {
  timeline: TimelineFact[];
  onChange: (timeline: TimelineFact[]) => void;
  errors: Record<string, string>;
}

/** Facts in time order: what happened when, without judgement. */
export function InvTimelineEditor({ timeline, onChange, errors }: Props) {
  const sorted = () => [...timeline].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return (
    <section class="card inv-section screen-only" aria-labelledby="inv-timeline-title" data-testid="inv-timeline">
      <h2 id="inv-timeline-title">Timeline of facts</h2>
      {timeline.length === 0 && <p class="muted">No facts recorded yet.</p>}
      <ol class="row-list">
        {timeline.map((t, i) => (
          <li key={i} class="edit-row timeline-row">
            <TextField
              id={invFieldId(`timeline[${i}].at`)}
              label={`When (fact ${i + 1})`}
              type="datetime-local"
              value={isoToLocalInput(t.at)}
              onValue={(v) => onChange(replaceAt(timeline, i, { ...t, at: localInputToIso(v) }))}
              error={errors[`timeline[${i}].at`]}
            />
            <TextField id={invFieldId(`timeline[${i}].fact`)} label="Fact" value={t.fact} onValue={(fact) => onChange(replaceAt(timeline, i, { ...t, fact }))} error={errors[`timeline[${i}].fact`]} />
            <button type="button" class="btn btn-quiet" onClick={() => onChange(removeAt(timeline, i))} aria-label={`Remove fact ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div class="form-actions">
        <button type="button" class="btn btn-secondary" onClick={() => onChange([...timeline, { at: new Date().toISOString(), fact: '' }])}>
          Add fact
        </button>
        {timeline.length > 1 && (
          <button type="button" class="btn btn-secondary" onClick={() => onChange(sorted())}>
            Sort by time
          </button>
        )}
      </div>
    </section>
  );
}
