interface RadioOption {
  id: string;
  label: string;
  meaning?: string;
}

interface Props {
  /** Id of the fieldset; each radio is `${id}-${option.id}`. */
  id: string;
  legend: string;
  options: RadioOption[];
  value: string;
  onValue: (v: string) => void;
  error?: string;
  hint?: string;
  /** Lay the options out side by side (short labels without meanings). */
  inline?: boolean;
  testId?: string;
}

/** A labelled group of radios, each option with its meaning; arrow keys move between them natively. */
export function RadioGroup({ id, legend, options, value, onValue, error, hint, inline, testId }: Props) {
  const groupDescribedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset id={id} tabIndex={-1} class={`field radio-group${error ? ' field-invalid' : ''}`} aria-describedby={groupDescribedBy} data-testid={testId}>
      <legend>{legend}</legend>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
      <div class={inline ? 'radio-list radio-inline' : 'radio-list'}>
        {options.map((o) => {
          const rid = `${id}-${o.id}`;
          return (
            // The whole box is a mouse target; keyboard users reach the radio itself.
            <div key={o.id} class={`radio-option${value === o.id ? ' selected' : ''}`} onClick={() => value !== o.id && onValue(o.id)}>
              <input
                type="radio"
                id={rid}
                name={id}
                value={o.id}
                checked={value === o.id}
                onChange={() => onValue(o.id)}
                aria-describedby={o.meaning ? `${rid}-meaning` : undefined}
              />
              {/* The meaning is a description, not part of the name: "Mild harm", not "Mild harm Minimal symptoms…". */}
              <div class="radio-text">
                <label for={rid} class="radio-label">
                  {o.label}
                </label>
                {o.meaning && (
                  <span class="radio-meaning" id={`${rid}-meaning`}>
                    {o.meaning}
                  </span>
                )}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
