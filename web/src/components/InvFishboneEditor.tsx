import { useState } from 'preact/hooks';
import { invFieldId, removeAt, replaceAt, type FishboneCause } from '../lib/investigations';
import { Fishbone } from './Fishbone';

interface Props {
  problem: string;
  categories: string[];
  causes: FishboneCause[];
  onChange: (next: { fishboneCategories: string[]; causes: FishboneCause[] }) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}

function FieldError({ text, id }: { text?: string; id?: string }) {
  return text ? (
    <p class="field-error" id={id}>
      {text}
    </p>
  ) : null;
}

/** The fishbone diagram, and (when editable) its categories and causes. */
export function InvFishboneEditor({ problem, categories, causes, onChange, errors, readOnly }: Props) {
  const [newCategory, setNewCategory] = useState('');
  const [causeCategory, setCauseCategory] = useState('');
  const [causeText, setCauseText] = useState('');
  const [note, setNote] = useState('');
  const chosenCategory = categories.includes(causeCategory) ? causeCategory : (categories[0] ?? '');

  const renameCategory = (i: number, name: string) => {
    const old = categories[i];
    onChange({ fishboneCategories: replaceAt(categories, i, name), causes: causes.map((c) => (c.category === old ? { ...c, category: name } : c)) });
  };
  const removeCategory = (i: number) => {
    const name = categories[i];
    const owned = causes.filter((c) => c.category === name).length;
    if (owned > 0 && !window.confirm(`Remove the category “${name}” and its ${owned} cause${owned === 1 ? '' : 's'}?`)) return;
    onChange({ fishboneCategories: removeAt(categories, i), causes: causes.filter((c) => c.category !== name) });
  };
  const addCategory = () => {
    const name = newCategory.trim();
    if (!name) return;
    if (categories.includes(name)) return setNote(`There is already a category “${name}”.`);
    onChange({ fishboneCategories: [...categories, name], causes });
    setNewCategory('');
    setNote(`Category “${name}” added.`);
  };
  const addCause = () => {
    const text = causeText.trim();
    if (!text || !chosenCategory) return;
    onChange({ fishboneCategories: categories, causes: [...causes, { category: chosenCategory, text, contributing: true }] });
    setCauseText('');
    setNote(`Cause added under ${chosenCategory}.`);
  };
  const onEnter = (fn: () => void) => (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      fn();
    }
  };

  return (
    <>
      <section class="card inv-section fishbone-card" aria-labelledby="inv-fishbone-title">
        <h2 id="inv-fishbone-title">Cause-and-effect diagram</h2>
        <div class="fishbone-wrap">
          <Fishbone problem={problem} categories={categories} causes={causes} />
        </div>
        <p class="small muted print-hide">Dashed ticks are causes marked as not contributing.</p>
      </section>
      {!readOnly && (
        <section class="card inv-section screen-only" aria-labelledby="inv-fishbone-edit-title" data-testid="inv-fishbone-editor">
          <h2 id="inv-fishbone-edit-title">Fishbone categories and causes</h2>
          <div class="two-columns">
            <div>
              <h3>Categories</h3>
              <ul class="row-list">
                {categories.map((c, i) => (
                  <li key={i} class="inline-row">
                    <label class="visually-hidden" for={invFieldId(`fishboneCategories[${i}]`)}>
                      Category {i + 1}
                    </label>
                    <input id={invFieldId(`fishboneCategories[${i}]`)} value={c} onInput={(e) => renameCategory(i, e.currentTarget.value)} aria-invalid={!!errors[`fishboneCategories[${i}]`] || undefined} />
                    <button type="button" class="btn btn-quiet" onClick={() => removeCategory(i)} aria-label={`Remove category ${c}`}>
                      Remove
                    </button>
                    <FieldError text={errors[`fishboneCategories[${i}]`]} />
                  </li>
                ))}
              </ul>
              <div class="inline-row">
                <label for="inv-new-category">New category</label>
                <input id="inv-new-category" value={newCategory} onInput={(e) => setNewCategory(e.currentTarget.value)} onKeyDown={onEnter(addCategory)} />
                <button type="button" class="btn btn-secondary" onClick={addCategory}>
                  Add category
                </button>
              </div>
            </div>
            <div>
              <h3>Causes</h3>
              {causes.length === 0 && <p class="muted">No causes yet.</p>}
              <ul class="row-list">
                {causes.map((c, i) => (
                  <li key={i} class="cause-row" data-testid="cause-row">
                    <label class="visually-hidden" for={invFieldId(`causes[${i}].category`)}>
                      Category of cause {i + 1}
                    </label>
                    <select id={invFieldId(`causes[${i}].category`)} value={c.category} onChange={(e) => onChange({ fishboneCategories: categories, causes: replaceAt(causes, i, { ...c, category: e.currentTarget.value }) })}>
                      {[...new Set([...categories, c.category])].map((name) => (
                        <option key={name} value={name}>
                          {name}
                        </option>
                      ))}
                    </select>
                    <label class="visually-hidden" for={invFieldId(`causes[${i}].text`)}>
                      Cause {i + 1}
                    </label>
                    <input id={invFieldId(`causes[${i}].text`)} value={c.text} onInput={(e) => onChange({ fishboneCategories: categories, causes: replaceAt(causes, i, { ...c, text: e.currentTarget.value }) })} />
                    <span class="check-inline">
                      <input type="checkbox" id={`inv-cause-${i}-contributing`} checked={c.contributing} onChange={(e) => onChange({ fishboneCategories: categories, causes: replaceAt(causes, i, { ...c, contributing: e.currentTarget.checked }) })} />
                      <label for={`inv-cause-${i}-contributing`}>Contributing</label>
                    </span>
                    <button type="button" class="btn btn-quiet" onClick={() => onChange({ fishboneCategories: categories, causes: removeAt(causes, i) })} aria-label={`Remove cause ${c.text || i + 1}`}>
                      Remove
                    </button>
                    <FieldError text={errors[`causes[${i}].category`] ?? errors[`causes[${i}].text`]} />
                  </li>
                ))}
              </ul>
              <fieldset class="add-cause">
                <legend>Add a cause</legend>
                <div class="inline-row">
                  <label for="inv-new-cause-category">Category</label>
                  <select id="inv-new-cause-category" value={chosenCategory} onChange={(e) => setCauseCategory(e.currentTarget.value)} disabled={categories.length === 0}>
                    {categories.map((name) => (
                      <option key={name} value={name}>
                        {name}
                      </option>
                    ))}
                  </select>
                </div>
                <div class="inline-row">
                  <label for="inv-new-cause-text">Cause</label>
                  <input id="inv-new-cause-text" value={causeText} onInput={(e) => setCauseText(e.currentTarget.value)} onKeyDown={onEnter(addCause)} />
                  <button type="button" class="btn btn-secondary" onClick={addCause} disabled={!causeText.trim() || !chosenCategory} data-testid="add-cause">
                    Add cause
                  </button>
                </div>
              </fieldset>
            </div>
          </div>
          <p class="visually-hidden" aria-live="polite">
            {note}
          </p>
        </section>
      )}
    </>
  );
}
