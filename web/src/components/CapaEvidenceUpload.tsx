import { useRef, useState } from 'preact/hooks';
import { messageOf } from '../lib/api';
import { capaApi, type EvidenceFile } from '../lib/capa';
import { fileSize, MAX_UPLOAD_BYTES, UPLOAD_ACCEPT, uploadMediaType } from '../lib/uploads';
import { LiveRegion } from './Notice';


interface Props {
  capaId: number;
  actionId: number;
  /** Used in the label so several upload boxes on one page stay distinguishable. */
  actionNumber: number;
  onAdded: (f: EvidenceFile) => void;
}

/** Adds a file to an action: the raw bytes as the request body, the file's own media type, its name in ?name=. */
export function CapaEvidenceUpload({ capaId, actionId, actionNumber, onAdded }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const id = `capa-evidence-${actionId}`;

  const upload = async () => {
    const file = input.current?.files?.[0];
    setError(null);
    setStatus('');
    if (!file) return setError('Choose a file first.');
    const type = uploadMediaType(file);
    if (!type) return setError('This kind of file cannot be attached. Use PDF, an image, text, CSV, Word (.docx) or Excel (.xlsx).');
    if (file.size > MAX_UPLOAD_BYTES) return setError(`The file is ${fileSize(file.size)}; the limit is 10 MB.`);
    setBusy(true);
    try {
      const typed = file.type === type ? file : new File([file], file.name, { type });
      const added = await capaApi.uploadEvidence(capaId, actionId, typed);
      setStatus(`Attached ${added.fileName}.`);
      if (input.current) input.current.value = '';
      onAdded(added);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="upload-row" data-testid="capa-evidence-upload">
      <div class="field">
        <label for={id}>Add evidence to action {actionNumber}</label>
        <p class="field-hint" id={`${id}-hint`}>
          An updated checklist, a training record, a photo; PDF, image, text, CSV, Word or Excel up to 10 MB.
        </p>
        <input id={id} type="file" ref={input} accept={UPLOAD_ACCEPT} aria-describedby={`${id}-hint`} />
      </div>
      <button type="button" class="btn btn-secondary" onClick={() => void upload()} disabled={busy} data-testid="capa-evidence-submit">
        {busy ? 'Uploading…' : 'Upload'}
      </button>
      <LiveRegion message={error} />
      <p class="visually-hidden" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
