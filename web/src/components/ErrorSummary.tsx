import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  errors: Record<string, string>;
  /** DOM id of the control for a field name; fields without a control are listed without a link. */
  fieldId: (field: string) => string;
  /** Changes on every failed attempt, so the summary takes focus again. */
  attempt: number;
  /** A readable name for each API field name. */
  labels?: Record<string, string> | ((field: string) => string | undefined);
}

/** The list of problems at the top of a form, each linking to its field; takes focus after a failed submit. */
export function ErrorSummary({ title, errors, fieldId, attempt, labels }: Props) {
  const nameOf = (field: string) => (typeof labels === 'function' ? labels(field) : labels?.[field]);
  const box = useRef<HTMLDivElement>(null);
  const entries = Object.entries(errors);
  useEffect(() => {
    if (attempt > 0 && entries.length > 0) box.current?.focus();
  }, [attempt]);
  if (entries.length === 0) return null;
  const jump = (e: Event, field: string) => {
    e.preventDefault();
    const el = document.getElementById(fieldId(field));
    if (!el) return;
    el.scrollIntoView({ block: 'center' });
    const target = el.matches('fieldset') ? (el.querySelector<HTMLElement>('input:checked, input') ?? el) : el;
    target.focus({ preventScroll: true });
  };
  return (
    <div class="notice notice-error error-summary" role="alert" tabIndex={-1} ref={box} data-testid="error-summary">
      <p>
        <strong>{title}</strong>
      </p>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a href={`#${fieldId(field)}`} onClick={(e) => jump(e, field)}>
              {nameOf(field) ? `${nameOf(field)}: ` : ''}
              {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
