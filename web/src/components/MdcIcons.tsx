// The "Making Data Count" variation and assurance icons, drawn here as small inline SVGs in their spirit (not
// copies of the NHS files): a ringed circle whose colour says how to read it (orange = a special cause of
// concern, blue = improvement, grey = common cause, purple = a change that is neither) and whose letter or arrow
// says which way. Colour never carries the meaning alone: each icon has its text as title and aria-label.

import type { ComponentChildren } from 'preact';
import { assuranceKind } from '../lib/indicators';

const ORANGE = '#d9822b';
const BLUE = '#1f6fb5';
const GREY = '#7a8594';
const PURPLE = '#6b4fa0';

interface IconProps {
  label: string;
  size?: number;
  /** Also write the label beside the icon. */
  showLabel?: boolean;
  testId?: string;
}

function Ring({ colour, label, size = 30, children, showLabel, testId, code }: IconProps & { colour: string; children: ComponentChildren; code: string }) {
  return (
    <span class="mdc-icon" data-testid={testId} data-icon={code}>
      <svg width={size} height={size} viewBox="0 0 32 32" role="img" aria-label={label} focusable="false">
        <title>{label}</title>
        <circle cx="16" cy="16" r="14" fill="#ffffff" stroke={colour} stroke-width="3" />
        {children}
      </svg>
      {showLabel && <span class="mdc-icon-label">{label}</span>}
    </span>
  );
}

/** An arrow up or down in the lower part of the circle, for "high" and "low" special causes. */
function Arrow({ up, colour }: { up: boolean; colour: string }) {
  return up ? <path d="M16 19 l4 5 h-8 z" fill={colour} /> : <path d="M16 24 l4 -5 h-8 z" fill={colour} />;
}

function Letter({ text, colour, y = 17 }: { text: string; colour: string; y?: number }) {
  return (
    <text x="16" y={y} text-anchor="middle" dominant-baseline="central" font-size="12" font-weight="700" font-family="system-ui, sans-serif" fill={colour}>
      {text}
    </text>
  );
}

/** The variation icon of an indicator's latest point (dashboard `variation`). */
export function VariationIcon({ variation, ...rest }: IconProps & { variation: string }) {
  const high = variation.endsWith('_high');
  if (variation.includes('concern'))
    return (
      <Ring {...rest} colour={ORANGE} code={variation}>
        <Letter text={high ? 'H' : 'L'} colour={ORANGE} y={12} />
        <Arrow up={high} colour={ORANGE} />
      </Ring>
    );
  if (variation.includes('improv'))
    return (
      <Ring {...rest} colour={BLUE} code={variation}>
        <Letter text={high ? 'H' : 'L'} colour={BLUE} y={12} />
        <Arrow up={high} colour={BLUE} />
      </Ring>
    );
  if (variation.includes('neutral'))
    return (
      <Ring {...rest} colour={PURPLE} code={variation}>
        <Letter text={high ? 'H' : 'L'} colour={PURPLE} y={12} />
        <Arrow up={high} colour={PURPLE} />
      </Ring>
    );
  // Common cause: a flat line of even dots.
  return (
    <Ring {...rest} colour={GREY} code={variation || 'common_cause'}>
      <path d="M7 16 h18" stroke={GREY} stroke-width="1.5" />
      {[9, 14, 19, 24].map((x) => (
        <circle key={x} cx={x - 0.5} cy="16" r="2" fill={GREY} />
      ))}
    </Ring>
  );
}

/** The assurance icon: will the process meet its target? Nothing is drawn when there is no target to judge. */
export function AssuranceIcon({ assurance, ...rest }: IconProps & { assurance: string }) {
  const kind = assuranceKind(assurance);
  if (kind === 'pass')
    return (
      <Ring {...rest} colour={BLUE} code={assurance}>
        <Letter text="P" colour={BLUE} />
      </Ring>
    );
  if (kind === 'fail')
    return (
      <Ring {...rest} colour={ORANGE} code={assurance}>
        <Letter text="F" colour={ORANGE} />
      </Ring>
    );
  if (kind === 'hit_and_miss')
    return (
      <Ring {...rest} colour={GREY} code={assurance}>
        <Letter text="?" colour={GREY} />
      </Ring>
    );
  return (
    <span class="mdc-icon mdc-icon-none" data-testid={rest.testId} data-icon="none">
      <span class={rest.showLabel ? 'mdc-icon-label' : 'visually-hidden'}>{rest.label}</span>
    </span>
  );
}

/** The colours the charts share with the icons, so a point and its icon read the same. */
export const MDC_COLOURS = { concern: ORANGE, improvement: BLUE, common: GREY, neutral: PURPLE };
