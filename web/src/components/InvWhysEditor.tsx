import { invFieldId, MAX_WHYS, removeAt, replaceAt, type WhyChain } from '../lib/investigations';
import { TextField } from './Field';

interface Props {
  whys: WhyChain[];
  onChange: (whys: WhyChain[]) => void;
  errors: Record<string, string>;
}

/** 5-whys chains: a problem, then each answer to "why?" of the one before (at most ten). */
export function InvWhysEditor({ whys, onChange, errors }: Props) {
  const setChain = (i: number, c: WhyChain) => onChange(replaceAt(whys, i, c));
  return (
    <section class="card inv-section screen-only" aria-labelledby="inv-whys-title" data-testid="inv-whys">
      <h2 id="inv-whys-title">5 whys</h2>
      {whys.length === 0 && <p class="muted">No chains yet. Start from a problem and ask “why?” until you reach a cause you can act on.</p>}
      {whys.map((chain, i) => (
        <fieldset key={i} class="why-chain">
          <legend>Chain {i + 1}</legend>
          <TextField id={invFieldId(`whys[${i}].problem`)} label="Problem" value={chain.problem} onValue={(problem) => setChain(i, { ...chain, problem })} error={errors[`whys[${i}].problem`]} />
          <ol class="why-list">
            {chain.whys.map((w, j) => (
              <li key={j} class="why-row">
                <TextField
                  id={invFieldId(`whys[${i}].whys[${j}]`)}
                  label={`Why ${j + 1}?`}
                  value={w}
                  onValue={(v) => setChain(i, { ...chain, whys: replaceAt(chain.whys, j, v) })}
                  error={errors[`whys[${i}].whys[${j}]`]}
                />
                <button type="button" class="btn btn-quiet" onClick={() => setChain(i, { ...chain, whys: removeAt(chain.whys, j) })} aria-label={`Remove why ${j + 1} of chain ${i + 1}`}>
                  Remove
                </button>
              </li>
            ))}
          </ol>
          {errors[`whys[${i}].whys`] && <p class="field-error">{errors[`whys[${i}].whys`]}</p>}
          <div class="form-actions">
            <button type="button" class="btn btn-secondary" disabled={chain.whys.length >= MAX_WHYS} onClick={() => setChain(i, { ...chain, whys: [...chain.whys, ''] })}>
              Add why
            </button>
            {chain.whys.length >= MAX_WHYS && <span class="muted small">Ten whys is the most a chain can hold.</span>}
            <button type="button" class="btn btn-quiet" onClick={() => onChange(removeAt(whys, i))}>
              Remove chain {i + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" class="btn btn-secondary" onClick={() => onChange([...whys, { problem: '', whys: [''] }])}>
        Add a 5-whys chain
      </button>
    </section>
  );
}
