import { bandOf, type Bands, type Level, type RatingEdit } from '../lib/risk';
import { BandBadge } from './RiskBadges';

interface Props {
  /** DOM id prefix: selects are `${id}-likelihood` and `${id}-consequence`. */
  id: string;
  legend: string;
  hint?: string;
  value: RatingEdit;
  onValue: (v: RatingEdit) => void;
  bands: Bands;
  likelihoods: Level[];
  consequences: Level[];
  error?: string;
  testId?: string;
}

/**
 * A rating as two selects with the score and band shown as they change, beside a small 5×5 matrix that can
 * be clicked as a shortcut. The selects are the accessible control; the matrix repeats them for the eye.
 */
export function RiskRatingPicker({ id, legend, hint, value, onValue, bands, likelihoods, consequences, error, testId }: Props) {
  const score = value.likelihood * value.consequence;
  const band = bandOf(score, bands);
  const describedBy = [hint ? `${id}-hint` : '', `${id}-score`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <fieldset class={`rating-picker${error ? ' field-invalid' : ''}`} data-testid={testId ?? `${id}-picker`}>
      <legend>{legend}</legend>
      {hint && (
        <p class="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div class="rating-picker-body">
        <div class="rating-selects">
          <div class="field">
            <label for={`${id}-likelihood`}>{`${legend.replace(/ rating$/, '')} likelihood`}</label>
            <select id={`${id}-likelihood`} value={String(value.likelihood)} onChange={(e) => onValue({ ...value, likelihood: Number(e.currentTarget.value) })} aria-describedby={describedBy} aria-invalid={!!error || undefined}>
              {likelihoods.map((l) => (
                <option key={l.level} value={String(l.level)}>
                  {l.level} · {l.label}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${id}-consequence`}>{`${legend.replace(/ rating$/, '')} consequence`}</label>
            <select id={`${id}-consequence`} value={String(value.consequence)} onChange={(e) => onValue({ ...value, consequence: Number(e.currentTarget.value) })} aria-describedby={describedBy} aria-invalid={!!error || undefined}>
              {consequences.map((c) => (
                <option key={c.level} value={String(c.level)}>
                  {c.level} · {c.label}
                </option>
              ))}
            </select>
          </div>
          <p class="rating-score" id={`${id}-score`} aria-live="polite" data-testid={`${id}-score`} data-score={score} data-band={band}>
            Score {score} <BandBadge band={band} />
          </p>
        </div>
        <div class="mini-matrix" aria-hidden="true">
          {[5, 4, 3, 2, 1].map((l) =>
            [1, 2, 3, 4, 5].map((c) => (
              <button
                key={`${l}-${c}`}
                type="button"
                tabIndex={-1}
                class={`mini-cell band-${bandOf(l * c, bands)}${l === value.likelihood && c === value.consequence ? ' chosen' : ''}`}
                title={`Likelihood ${l} × consequence ${c} = ${l * c}`}
                onClick={() => onValue({ likelihood: l, consequence: c })}
              >
                {l === value.likelihood && c === value.consequence ? '●' : ''}
              </button>
            )),
          )}
        </div>
      </div>
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}
