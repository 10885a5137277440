import { useState } from 'preact/hooks';
import { request } from '../lib/api';
import { IMPORT_KINDS, type ImportRun } from '../lib/indicators';
import { CheckField, SelectField } from './Field';
import { ProblemNotice, useProblemAction } from './IndicatorProblem';

const MAX_BYTES = 256 * 1024 * 1024;

/** The upload form: the file goes as the raw request body, so a large extract never sits in a form encoding. */
export function ImportUpload({ onImported }: { onImported: (run: ImportRun) => void }) {
  const [kind, setKind] = useState(IMPORT_KINDS[0].value);
  const [strict, setStrict] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const action = useProblemAction();
  const accept = IMPORT_KINDS.find((k) => k.value === kind)?.accept;

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!file) {
      setFileError('Choose the file to import.');
      return;
    }
    if (file.size > MAX_BYTES) {
      setFileError('The file is larger than 256 MB; split it or use the hqms import command on the server.');
      return;
    }
    setFileError(undefined);
    const params = new URLSearchParams({ kind, strict: String(strict), fileName: file.name });
    const contentType = kind === 'encounters_fhir' ? 'application/x-ndjson' : 'text/csv';
    await action.run(async () => {
      onImported(await request<ImportRun>('POST', `/api/v1/imports?${params.toString()}`, { raw: { body: file, contentType } }));
    });
  };

  return (
    <form class="card indicator-section import-form" onSubmit={(e) => void submit(e)} aria-labelledby="import-title" data-testid="import-form">
      <h2 id="import-title">Import a file</h2>
      <div class="form-row form-row-wide">
        <SelectField id="import-kind" label="Kind of data" value={kind} onValue={setKind}>
          {IMPORT_KINDS.map((k) => (
            <option key={k.value} value={k.value}>
              {k.label}
            </option>
          ))}
        </SelectField>
        <div class={`field${fileError ? ' field-invalid' : ''}`}>
          <label for="import-file">File</label>
          <p class="field-hint" id="import-file-hint">
            Up to 256 MB. Re-importing the same file changes nothing.
          </p>
          <input
            id="import-file"
            name="import-file"
            type="file"
            accept={accept}
            aria-describedby={fileError ? 'import-file-hint import-file-error' : 'import-file-hint'}
            aria-invalid={!!fileError || undefined}
            onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
            data-testid="import-file"
          />
          {fileError && (
            <p class="field-error" id="import-file-error">
              {fileError}
            </p>
          )}
        </div>
      </div>
      <CheckField id="import-strict" label="Strict: import nothing if any record is refused" checked={strict} onChecked={setStrict} hint="Without it, every valid record is imported and the refused ones are reported." />
      <ProblemNotice error={action.problem} testId="import-error" />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="import-submit">
          {action.busy ? 'Importing…' : 'Import'}
        </button>
      </div>
    </form>
  );
}
