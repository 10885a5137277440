import { invFieldId, removeAt, replaceAt, type TeamMember } from '../lib/investigations';
import { TextField } from './Field';
import { UserPicker } from './UserPicker';

interface Props {
  team: TeamMember[];
  onChange: (team: TeamMember[]) => void;
  errors: Record<string, string>;
}

/** The people doing the analysis and their role in it. */
export function InvTeamEditor({ team, onChange, errors }: Props) {
  return (
    <section class="card inv-section screen-only" aria-labelledby="inv-team-title" data-testid="inv-team">
      <h2 id="inv-team-title">Team</h2>
      {team.length === 0 && <p class="muted">No team members yet.</p>}
      <ul class="row-list">
        {team.map((m, i) => (
          <li key={i} class="edit-row">
            <UserPicker
              id={invFieldId(`team[${i}].userId`)}
              label={`Member ${i + 1}`}
              value={m.userId === null ? '' : String(m.userId)}
              onValue={(v, name) => onChange(replaceAt(team, i, { ...m, userId: v ? Number(v) : null, displayName: name ?? undefined }))}
              currentName={m.displayName}
              error={errors[`team[${i}].userId`]}
              emptyLabel="Choose…"
            />
            <TextField
              id={invFieldId(`team[${i}].role`)}
              label="Role in the investigation"
              placeholder="lead, clinical expert, facilitator…"
              value={m.role}
              onValue={(role) => onChange(replaceAt(team, i, { ...m, role }))}
              error={errors[`team[${i}].role`]}
            />
            <button type="button" class="btn btn-quiet" onClick={() => onChange(removeAt(team, i))} aria-label={`Remove team member ${i + 1}${m.displayName ? ` (${m.displayName})` : ''}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <button type="button" class="btn btn-secondary" onClick={() => onChange([...team, { userId: null, role: '' }])}>
        Add team member
      </button>
    </section>
  );
}
