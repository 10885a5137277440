import { formatDate } from '../lib/datetime';
import { optionLabel, type Rating, type Risk, type RiskSettings } from '../lib/risk';
import { BandBadge, ReviewOverdueTag } from './RiskBadges';

function RatingFact({ label, rating, testId }: { label: string; rating: Rating; testId: string }) {
  return (
    <div class="rating-fact" data-testid={testId} data-score={rating.score} data-band={rating.band}>
      <dt>{label}</dt>
      <dd>
        <BandBadge band={rating.band} score={rating.score} />
        <span class="muted small">
          {' '}
          {rating.likelihoodLabel} × {rating.consequenceLabel}
        </span>
      </dd>
    </div>
  );
}

/** The risk at a glance: ratings, owner, register, review date; the whole record for readers who cannot edit. */
export function RiskFacts({ risk, settings, full }: { risk: Risk; settings: RiskSettings | null; full: boolean }) {
  return (
    <section class="card risk-section" aria-labelledby="risk-facts-title" data-testid="risk-facts">
      <h2 id="risk-facts-title" class="visually-hidden">
        Summary
      </h2>
      <dl class="rating-facts">
        <RatingFact label="Inherent" rating={risk.inherent} testId="fact-inherent" />
        <RatingFact label="Residual" rating={risk.residual} testId="fact-residual" />
        <RatingFact label="Target" rating={risk.target} testId="fact-target" />
      </dl>
      <dl class="details">
        <dt>Category</dt>
        <dd>{risk.categoryLabel}</dd>
        <dt>Owner</dt>
        <dd data-testid="risk-owner">{risk.owner?.displayName ?? 'Not set'}</dd>
        <dt>Register</dt>
        <dd data-testid="risk-register">{risk.register.name}</dd>
        <dt>Next review</dt>
        <dd>
          {formatDate(risk.reviewDueOn)} {risk.reviewOverdue && <ReviewOverdueTag />}
        </dd>
        {full && (
          <>
            <dt>Description</dt>
            <dd class="pre-wrap">{risk.description || '—'}</dd>
            <dt>Cause</dt>
            <dd class="pre-wrap">{risk.cause || '—'}</dd>
            <dt>Consequence</dt>
            <dd class="pre-wrap">{risk.consequence || '—'}</dd>
            <dt>Controls</dt>
            <dd>
              {risk.controls.length === 0 ? (
                '—'
              ) : (
                <ul class="plain-list">
                  {risk.controls.map((c, i) => (
                    <li key={i}>
                      {c.description} <span class="muted small">· {optionLabel(settings?.controlEffectiveness, c.effectiveness)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </dd>
            <dt>Treatment</dt>
            <dd>
              {optionLabel(settings?.treatments, risk.treatment)}
              {risk.treatmentPlan && <div class="pre-wrap">{risk.treatmentPlan}</div>}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}
