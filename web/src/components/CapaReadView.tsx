import type { Capa } from '../lib/capa';

const Text = ({ value }: { value: string }) => (value ? <p class="prewrap">{value}</p> : <p class="muted">Not recorded.</p>);

/** The record as a document: what prints, and what people without edit rights see. */
export function CapaReadView({ capa, onScreen }: { capa: Capa; onScreen: boolean }) {
  return (
    <div class={onScreen ? 'capa-read' : 'capa-read print-only'} data-testid="capa-read">
      <section class="card capa-section" aria-labelledby="capa-read-problem">
        <h2 id="capa-read-problem">Problem statement</h2>
        <Text value={capa.problemStatement} />
        <h3>Containment</h3>
        <Text value={capa.containment} />
        <h3>Root cause</h3>
        <Text value={capa.rootCause} />
        <h3>Effectiveness criterion</h3>
        <Text value={capa.effectivenessCriterion} />
      </section>
    </div>
  );
}
