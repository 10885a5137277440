import type { Organisation, Role, Scope } from './types';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateTimeSeconds = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return (withSeconds ? dateTimeSeconds : dateTime).format(d);
}

export function roleLabel(role: string, roles?: Role[] | null): string {
  const found = roles?.find((r) => r.role === role);
  if (found) return found.label;
  const words = role.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Human name of a scope; responses carry `name`, request-side scopes are resolved via the org tree. */
export function scopeLabel(scope: Scope, org?: Organisation | null): string {
  if (scope.name) return scope.name;
  if (org) {
    if (scope.type === 'organisation') return org.name;
    for (const site of org.sites) {
      if (scope.type === 'site' && site.id === scope.id) return site.name;
      const dept = site.departments.find((d) => d.id === scope.id);
      if (scope.type === 'department' && dept) return dept.name;
    }
  }
  return `${scope.type} #${scope.id}`;
}

export function scopeTypeLabel(type: Scope['type']): string {
  return type === 'organisation' ? 'Organisation' : type === 'site' ? 'Site' : 'Department';
}

export function pluralise(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}
