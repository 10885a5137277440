import type { Organisation } from '../lib/types';

/** <option>s for every department, grouped by site. */
export function DepartmentOptions({ org }: { org: Organisation | null }) {
  if (!org) return null;
  return (
    <>
      {org.sites.map((site) => (
        <optgroup key={site.id} label={site.name}>
          {site.departments.map((d) => (
            <option key={d.id} value={String(d.id)}>
              {d.name}
            </option>
          ))}
        </optgroup>
      ))}
    </>
  );
}
