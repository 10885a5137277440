import { layoutFishbone, type FishboneInput, type Label } from '../lib/fishbone';

function Text({ label, className }: { label: Label; className: string }) {
  return (
    <text x={label.x} y={label.y} text-anchor={label.anchor} class={className}>
      {label.lines.length > 1
        ? label.lines.map((line, i) => (
            <tspan key={i} x={label.x} dy={i === 0 ? 0 : label.lineHeight}>
              {line}
            </tspan>
          ))
        : label.lines[0]}
    </text>
  );
}

/** The cause-and-effect (Ishikawa) diagram as inline SVG, so it prints crisply. */
export function Fishbone(props: FishboneInput) {
  const l = layoutFishbone(props);
  const causeCount = props.causes.length;
  const summary = `Cause-and-effect diagram for “${props.problem || 'the problem'}”: ${props.categories.length} categories, ${causeCount} ${causeCount === 1 ? 'cause' : 'causes'}.`;
  return (
    <svg class="fishbone" viewBox={`0 0 ${l.width} ${l.height}`} role="img" aria-label={summary} data-testid="fishbone" preserveAspectRatio="xMidYMid meet">
      <title>{summary}</title>
      <defs>
        <marker id="fishbone-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" class="fishbone-arrowhead" />
        </marker>
      </defs>
      <line class="fishbone-spine" {...l.spine} marker-end="url(#fishbone-arrow)" />
      <rect class="fishbone-head" x={l.head.x} y={l.head.y} width={l.head.width} height={l.head.height} rx="6" />
      <Text label={l.head.label} className="fishbone-head-text" />
      {l.bones.map((b) => (
        <g key={b.category} class="fishbone-bone" data-category={b.category}>
          <line class="fishbone-bone-line" {...b.line} />
          <g>
            <title>{b.label.full}</title>
            <Text label={b.label} className="fishbone-category" />
          </g>
          {b.causes.map((c, i) => (
            <g key={i} class={c.contributing ? 'fishbone-cause' : 'fishbone-cause fishbone-cause-minor'}>
              <title>{c.label.full}</title>
              <line class="fishbone-tick" {...c.tick} />
              <Text label={c.label} className="fishbone-cause-text" />
            </g>
          ))}
        </g>
      ))}
    </svg>
  );
}
