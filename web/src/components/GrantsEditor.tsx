import { roleLabel } from '../lib/format';
import type { Grant, Organisation, Role, ScopeType } from '../lib/types';

interface Props {
  idPrefix: string;
  grants: Grant[];
  roles: Role[] | null;
  org: Organisation | null;
  onChange: (grants: Grant[]) => void;
  /** Field errors whose field starts with "grants". */
  errors: Record<string, string>;
}

// A scope is encoded "type:id" so one <select> can offer organisation, sites and departments.
const encode = (g: Grant) => `${g.scope.type}:${g.scope.id}`;
function decode(v: string): Grant['scope'] {
  const [type, id] = v.split(':');
  return { type: type as ScopeType, id: Number(id) };
}

export function GrantsEditor({ idPrefix, grants, roles, org, onChange, errors }: Props) {
  const update = (i: number, g: Grant) => onChange(grants.map((x, j) => (j === i ? g : x)));
  const remove = (i: number) => onChange(grants.filter((_, j) => j !== i));
  const add = () =>
    onChange([...grants, { role: roles?.[0]?.role ?? 'staff_reporter', scope: { type: 'organisation', id: org?.id ?? 1 } }]);
  const general = Object.entries(errors)
    .filter(([k]) => k === 'grants' || k.startsWith('grants'))
    .map(([, v]) => v);

  return (
    <fieldset class="grants" data-testid={`${idPrefix}-grants`}>
      <legend>Roles and scopes</legend>
      <p class="field-hint">A grant at a site covers all of its departments; a grant at the organisation covers everything.</p>
      {grants.length === 0 && <p class="muted">No roles granted. The user will only be able to sign in.</p>}
      <ul class="grant-list">
        {grants.map((g, i) => (
          <li key={i} class="grant-row" data-testid="grant-row">
            <div class="field">
              <label for={`${idPrefix}-role-${i}`}>Role</label>
              <select id={`${idPrefix}-role-${i}`} value={g.role} onChange={(e) => update(i, { ...g, role: e.currentTarget.value })}>
                {(roles ?? [{ role: g.role, label: roleLabel(g.role), description: '', permissions: [] }]).map((r) => (
                  <option key={r.role} value={r.role}>
                    {r.label}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for={`${idPrefix}-scope-${i}`}>Scope</label>
              <select id={`${idPrefix}-scope-${i}`} value={encode(g)} onChange={(e) => update(i, { ...g, scope: decode(e.currentTarget.value) })}>
                {org ? (
                  <>
                    <option value={`organisation:${org.id}`}>Organisation — {org.name}</option>
                    <optgroup label="Sites">
                      {org.sites.map((s) => (
                        <option key={s.id} value={`site:${s.id}`}>
                          Site — {s.name}
                        </option>
                      ))}
                    </optgroup>
                    {org.sites.map((s) => (
                      <optgroup key={s.id} label={`Departments at ${s.name}`}>
                        {s.departments.map((d) => (
                          <option key={d.id} value={`department:${d.id}`}>
                            Department — {d.name}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                  </>
                ) : (
                  <option value={encode(g)}>{g.scope.name ?? encode(g)}</option>
                )}
              </select>
            </div>
            <button type="button" class="btn btn-quiet" onClick={() => remove(i)} aria-label={`Remove grant ${i + 1}: ${roleLabel(g.role, roles)}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      {general.length > 0 && (
        <p class="field-error" data-testid={`${idPrefix}-grants-error`}>
          {general.join('; ')}
        </p>
      )}
      <button type="button" class="btn btn-secondary" onClick={add} data-testid={`${idPrefix}-add-grant`}>
        Add role
      </button>
    </fieldset>
  );
}

/** Strips response-only fields (scope names) before sending grants back. */
export function grantsForRequest(grants: Grant[]): Grant[] {
  return grants.map((g) => ({ role: g.role, scope: { type: g.scope.type, id: g.scope.id } }));
}
