import { useState } from 'preact/hooks';

/** The follow-up code shown once, large, with advice to write it down; it cannot be shown again. */
export function FollowUpCode({ code }: { code: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setCopied('Copied.');
    } catch {
      setCopied('Copying is not available here; please write the code down.');
    }
  };
  return (
    <section class="card followup-code-card" aria-labelledby="followup-code-title">
      <h2 id="followup-code-title">Your follow-up code</h2>
      <p class="followup-code" data-testid="followup-code">
        {code}
      </p>
      <p>
        <strong>Write this code down or keep it somewhere safe now.</strong> It is the only way to see what happens to
        your report and to answer the safety team's questions, and it will not be shown again. Anyone with the code can
        read the messages, so do not share it.
      </p>
      <div class="form-actions">
        {typeof navigator.clipboard?.writeText === 'function' && (
          <button type="button" class="btn btn-secondary" onClick={() => void copy()}>
            Copy code
          </button>
        )}
        <span aria-live="polite" class="muted small">
          {copied}
        </span>
      </div>
    </section>
  );
}
