import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { formatDate } from '../lib/datetime';
import { CONSEQUENCES, DEFAULT_BANDS, LIKELIHOODS, type RatingEdit, type Risk, type RiskSettings } from '../lib/risk';
import { useAction } from '../lib/useAction';
import { TextAreaField, TextField } from './Field';
import { Notice } from './Notice';
import { BandBadge } from './RiskBadges';
import { RiskRatingPicker } from './RiskRatingPicker';
import { RiskTrendChart } from './RiskTrendChart';

interface Props {
  risk: Risk;
  settings: RiskSettings | null;
  /** Called with the risk as the server answered the recorded review. */
  onReviewed: (risk: Risk) => void;
  /** Asked before a review replaces unsaved edits of the form above. */
  confirmDiscard: () => boolean;
}

/** The risk's reviews: the trend, the history and, for its owner and managers, a form to record the next. */
export function RiskReviewPanel({ risk, settings, onReviewed, confirmDiscard }: Props) {
  const bands = settings?.bands ?? DEFAULT_BANDS;
  const [residual, setResidual] = useState<RatingEdit>({ likelihood: risk.residual.likelihood, consequence: risk.residual.consequence });
  const [note, setNote] = useState('');
  const [nextReviewOn, setNextReviewOn] = useState('');
  const action = useAction();

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    if (!confirmDiscard()) return;
    await action.run(async () => {
      const next = await api.post<Risk>(`/api/v1/risks/${risk.id}/reviews`, { residual, note: note.trim(), nextReviewOn: nextReviewOn || null });
      setNote('');
      setNextReviewOn('');
      onReviewed(next);
    }, 'Review recorded.', false);
  };

  return (
    <section class="card risk-section" aria-labelledby="risk-reviews-title" data-testid="risk-reviews">
      <h2 id="risk-reviews-title">Reviews</h2>
      <RiskTrendChart reviews={risk.reviews} bands={bands} />
      {risk.reviews.length > 0 && (
        <div class="table-wrap">
          <table class="data-table" data-testid="review-history">
            <caption class="visually-hidden">Review history, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">Reviewed</th>
                <th scope="col">Reviewer</th>
                <th scope="col">Residual</th>
                <th scope="col">Note</th>
              </tr>
            </thead>
            <tbody>
              {risk.reviews.map((r) => (
                <tr key={r.id} data-testid="review-row">
                  <td class="nowrap">{formatDate(r.reviewedOn)}</td>
                  <td>{r.reviewer?.displayName ?? '—'}</td>
                  <td class="nowrap">
                    {r.residual.likelihoodLabel} × {r.residual.consequenceLabel} <BandBadge band={r.residual.band} score={r.residual.score} />
                  </td>
                  <td>{r.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {risk.can.review && risk.status === 'open' && (
        <form class="review-form" onSubmit={(e) => void onSubmit(e)} noValidate data-testid="review-form" aria-labelledby="review-form-title">
          <h3 id="review-form-title">Record review</h3>
          {action.error && <Notice kind="error">{action.error}</Notice>}
          {action.done && (
            <Notice kind="success" testId="review-recorded">
              {action.done}
            </Notice>
          )}
          <RiskRatingPicker
            id="review-residual"
            legend="Residual rating"
            hint="As found today, with the controls in place."
            value={residual}
            onValue={setResidual}
            bands={bands}
            likelihoods={settings?.likelihoods?.length ? settings.likelihoods : LIKELIHOODS}
            consequences={settings?.consequences?.length ? settings.consequences : CONSEQUENCES}
            error={action.errors.residual ?? action.errors['residual.likelihood'] ?? action.errors['residual.consequence']}
            testId="review-residual-picker"
          />
          <div class="form-columns">
            <TextField id="review-nextReviewOn" label="Next review" type="date" value={nextReviewOn} onValue={setNextReviewOn} error={action.errors.nextReviewOn} />
          </div>
          <TextAreaField id="review-note" label="Note (optional)" value={note} onValue={setNote} error={action.errors.note} rows={2} />
          <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="record-review">
            {action.busy ? 'Recording…' : 'Record review'}
          </button>
        </form>
      )}
    </section>
  );
}
