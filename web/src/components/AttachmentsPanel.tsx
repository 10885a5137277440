import { useRef, useState } from 'preact/hooks';
import { api, messageOf } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { Attachment } from '../lib/incidents';
import { fileSize, MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, uploadMediaType } from '../lib/uploads';
import { LiveRegion } from './Notice';



interface Props {
  incidentId: number;
  attachments: Attachment[];
  canUpload: boolean;
  onAdded: (a: Attachment) => void;
}

/** Files attached to a report: download links, and upload as the raw request body with the file's type. */
export function AttachmentsPanel({ incidentId, attachments, canUpload, onAdded }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);

  const upload = async () => {
    const file = input.current?.files?.[0];
    setError(null);
    setStatus('');
    if (!file) {
      setError('Choose a file first.');
      return;
    }
    const type = uploadMediaType(file);
    if (!type) return setError('This kind of file cannot be attached. Use PDF, an image, text, CSV, Word (.docx) or Excel (.xlsx).');
    if (file.size > MAX_UPLOAD_BYTES) return setError(`The file is ${fileSize(file.size)}; the limit is 10 MB.`);
    setBusy(true);
    try {
      const typed = file.type === type ? file : new File([file], file.name, { type });
      const added = await api.upload<Attachment>(`/api/v1/incidents/${incidentId}/attachments?name=${encodeURIComponent(file.name)}`, typed);
      onAdded(added);
      setStatus(`Attached ${added.fileName}.`);
      if (input.current) input.current.value = '';
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="attachments-title" data-testid="attachments">
      <h2 id="attachments-title">Attachments</h2>
      {attachments.length === 0 ? (
        <p class="muted">No files attached.</p>
      ) : (
        <ul class="attachment-list">
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/api/v1/incidents/${incidentId}/attachments/${a.id}`} download={a.fileName}>
                {a.fileName}
              </a>
              <span class="muted small">
                {' '}
                · {fileSize(a.size)}
                {a.uploadedAt && ` · ${formatDateTime(a.uploadedAt)}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {canUpload && (
        <div class="upload-row">
          <div class="field">
            <label for="attachment-file">Add a file</label>
            <p class="field-hint" id="attachment-file-hint">
              PDF, image, text, CSV, Word or Excel; up to 10 MB.
            </p>
            <input id="attachment-file" type="file" ref={input} accept={UPLOAD_ACCEPT} aria-describedby="attachment-file-hint" />
          </div>
          <button type="button" class="btn btn-secondary" onClick={() => void upload()} disabled={busy}>
            {busy ? 'Uploading…' : 'Upload'}
          </button>
        </div>
      )}
      <LiveRegion message={error} />
      <p class="visually-hidden" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
