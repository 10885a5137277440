import type { ComponentChildren, InputHTMLAttributes } from 'preact';

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: string;
  children: (describedBy: string | undefined, invalid: boolean) => ComponentChildren;
}

/** Label + control + hint + error, wired together with for/aria-describedby. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label for={id}>{label}</label>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children(ids, !!error)}
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

// Only the attributes the forms use: preact's full input typings are a strict union per `type`.
interface InputExtras {
  type?: 'text' | 'password' | 'email' | 'search' | 'date' | 'datetime-local' | 'month' | 'number';
  autoComplete?: string;
  autoCapitalize?: 'none';
  spellcheck?: boolean;
  required?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  inputMode?: 'numeric' | 'text';
  list?: string;
  min?: string;
  max?: string;
  maxLength?: number;
  disabled?: boolean;
  onBlur?: () => void;
}

type InputProps = InputExtras & {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
};

export function TextField({ id, label, value, onValue, error, hint, ...rest }: InputProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <input
          id={id}
          name={id}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...(rest as unknown as InputHTMLAttributes<HTMLInputElement>)}
        />
      )}
    </Field>
  );
}

type SelectProps = {
  disabled?: boolean;
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
  children: ComponentChildren;
};

export function SelectField({ id, label, value, onValue, error, hint, children, ...rest }: SelectProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <select
          id={id}
          name={id}
          value={value}
          onChange={(e) => onValue(e.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...rest}
        >
          {children}
        </select>
      )}
    </Field>
  );
}

type TextAreaProps = {
  id: string;
  label: string;
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
  rows?: number;
  required?: boolean;
  maxLength?: number;
};

export function TextAreaField({ id, label, value, onValue, error, hint, rows = 4, ...rest }: TextAreaProps) {
  return (
    <Field id={id} label={label} error={error} hint={hint}>
      {(describedBy, invalid) => (
        <textarea
          id={id}
          name={id}
          rows={rows}
          value={value}
          onInput={(e) => onValue(e.currentTarget.value)}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          {...rest}
        />
      )}
    </Field>
  );
}

type CheckProps = { id: string; label: string; checked: boolean; onChecked: (v: boolean) => void; hint?: string; disabled?: boolean };

/** A checkbox with its label after it; the hint is tied to it with aria-describedby. */
export function CheckField({ id, label, checked, onChecked, hint, disabled }: CheckProps) {
  return (
    <div class="field field-check">
      <input id={id} name={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChecked(e.currentTarget.checked)} aria-describedby={hint ? `${id}-hint` : undefined} />
      <label for={id}>{label}</label>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}
