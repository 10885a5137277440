import { SOURCES, sourceOf, testOf, testsFor, type Condition, type ConditionTest, type Measure } from '../lib/indicators';
import { SelectField, TextField } from './Field';

interface Props {
  /** "numerator" or "denominator": names the controls and the API fields of its errors. */
  name: string;
  legend: string;
  measure: Measure;
  onChange: (m: Measure) => void;
  errors: Record<string, string>;
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const num = (s: string): number | null => (s.trim() === '' ? null : Number(s));

/** A condition with the given test on `column`, keeping what can be kept of the old values. */
function withTest(c: Condition, column: string, test: ConditionTest): Condition {
  const values = c.in ?? c.notIn ?? c.startsWith ?? c.anyStartsWith ?? [];
  switch (test) {
    case 'is':
      return { column, is: c.is ?? true };
    case 'between':
      return { column, between: c.between ?? [null, null] };
    default:
      return { column, [test]: values };
  }
}

function valuesOf(c: Condition): string {
  return (c.in ?? c.notIn ?? c.startsWith ?? c.anyStartsWith ?? []).join(', ');
}

/** One side of an indicator's fraction: the source it counts from, how, and the conditions its rows must meet. */
export function IndicatorMeasureEditor({ name, legend, measure, onChange, errors }: Props) {
  const source = sourceOf(measure.source);
  const columns = source?.columns ?? [];
  const numbers = columns.filter((c) => c.kind === 'number');
  const err = (field: string) => errors[`${name}.${field}`];
  const setCondition = (i: number, c: Condition) => onChange({ ...measure, where: measure.where.map((x, j) => (j === i ? c : x)) });
  const removeCondition = (i: number) => onChange({ ...measure, where: measure.where.filter((_, j) => j !== i) });
  const addCondition = () => {
    const first = columns.find((c) => c.kind === 'flag') ?? columns[0];
    if (!first) return;
    onChange({ ...measure, where: [...measure.where, withTest({ column: first.name }, first.name, testsFor(first.kind)[0].value)] });
  };

  return (
    <fieldset class="measure-editor" id={name} data-testid={`measure-${name}`}>
      <legend>{legend}</legend>
      {errors[name] && <p class="field-error">{errors[name]}</p>}
      <div class="form-row">
        <SelectField id={`${name}-source`} label="Source" value={measure.source} onValue={(v) => onChange({ source: v, aggregate: 'count', column: null, where: [] })} error={err('source')}>
          {SOURCES.map((s) => (
            <option key={s.source} value={s.source}>
              {s.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id={`${name}-aggregate`}
          label="Aggregate"
          value={measure.aggregate}
          onValue={(v) => onChange({ ...measure, aggregate: v as Measure['aggregate'], column: v === 'count' ? null : (measure.column ?? numbers[0]?.name ?? null) })}
          error={err('aggregate')}
        >
          <option value="count">Count of rows</option>
          <option value="sum">Sum of a column</option>
          <option value="median">Median of a column</option>
        </SelectField>
        {measure.aggregate !== 'count' && (
          <SelectField id={`${name}-column`} label="Column" value={measure.column ?? ''} onValue={(v) => onChange({ ...measure, column: v || null })} error={err('column')}>
            <option value="">Choose…</option>
            {numbers.map((c) => (
              <option key={c.name} value={c.name}>
                {c.label}
              </option>
            ))}
          </SelectField>
        )}
      </div>
      <p class="small muted">{measure.where.length === 0 ? 'Every row of the source counts.' : 'Rows count when they meet every condition:'}</p>
      <ol class="condition-list">
        {measure.where.map((c, i) => {
          const id = `${name}-where-${i}`;
          const column = columns.find((x) => x.name === c.column);
          const tests = testsFor(column?.kind);
          const test = testOf(c);
          const prefix = `where[${i}]`;
          return (
            <li key={i} class="condition-row" data-testid="condition-row">
              <SelectField
                id={`${id}-column`}
                label={`Condition ${i + 1} column`}
                value={c.column}
                onValue={(v) => {
                  const kind = columns.find((x) => x.name === v)?.kind;
                  onChange({ ...measure, where: measure.where.map((x, j) => (j === i ? withTest(x, v, testsFor(kind)[0]?.value ?? 'in') : x)) });
                }}
                error={err(`${prefix}.column`)}
              >
                {columns.map((x) => (
                  <option key={x.name} value={x.name}>
                    {x.label}
                  </option>
                ))}
              </SelectField>
              <SelectField id={`${id}-test`} label="Test" value={test} onValue={(v) => setCondition(i, withTest(c, c.column, v as ConditionTest))} error={err(prefix)}>
                {tests.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label}
                  </option>
                ))}
              </SelectField>
              {test === 'is' && (
                <SelectField id={`${id}-flag`} label="Value" value={c.is ? 'true' : 'false'} onValue={(v) => setCondition(i, { column: c.column, is: v === 'true' })}>
                  <option value="true">Yes</option>
                  <option value="false">No</option>
                </SelectField>
              )}
              {test === 'between' && (
                <>
                  <TextField id={`${id}-min`} label="From" type="number" value={c.between?.[0] === null || c.between?.[0] === undefined ? '' : String(c.between[0])} onValue={(v) => setCondition(i, { column: c.column, between: [num(v), c.between?.[1] ?? null] })} />
                  <TextField id={`${id}-max`} label="To" type="number" value={c.between?.[1] === null || c.between?.[1] === undefined ? '' : String(c.between[1])} onValue={(v) => setCondition(i, { column: c.column, between: [c.between?.[0] ?? null, num(v)] })} />
                </>
              )}
              {test !== 'is' && test !== 'between' && (
                <TextField id={`${id}-values`} label="Values" hint="Separated by commas" value={valuesOf(c)} onValue={(v) => setCondition(i, { column: c.column, [test]: list(v) })} />
              )}
              <button type="button" class="btn btn-quiet btn-small" onClick={() => removeCondition(i)} aria-label={`Remove condition ${i + 1}`}>
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" class="btn btn-secondary btn-small" onClick={addCondition} data-testid={`${name}-add-condition`}>
        Add a condition
      </button>
    </fieldset>
  );
}
