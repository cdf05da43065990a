import { useEffect, useEffectEvent, useId, useRef, useState, type DragEvent } from 'react';
import {
  addInputs,
  inputProblem,
  ROLE_LABELS,
  ROLES_FOR,
  setRole,
  type GivenInput,
  type InputKind,
  type InputRole,
} from '../../lib/input-roles.ts';
import { uploadFile } from '../../lib/uploads.ts';
import { RUN_SHORTCUT } from './prompt-box.tsx';

/**
 * The images a run starts from: dropped, pasted or picked, each uploaded (POST /assets) as it
 * comes, shown with its role (image to edit, reference, mask, first or last frame) and a way to
 * remove it. What a model makes of them is the plan's to say, on each model's card.
 */
export function RunInputs({
  kind,
  inputs,
  onChange,
}: {
  kind: InputKind;
  inputs: readonly GivenInput[];
  onChange: (update: (inputs: GivenInput[]) => GivenInput[]) => void;
}) {
  const id = useId();
  const picker = useRef<HTMLInputElement>(null);
  const [pickRole, setPickRole] = useState<InputRole | undefined>();
  const [uploading, setUploading] = useState<{ key: string; name: string }[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const problem = inputProblem(kind, inputs);

  /** The role a new image takes unless one is asked for: the first image is the one worked on. */
  const roleFor = (taken: readonly GivenInput[]): InputRole => {
    if (kind === 'video') return taken.some((i) => i.role === 'first') ? 'last' : 'first';
    return taken.some((i) => i.role === 'edit') ? 'reference' : 'edit';
  };

  const add = async (files: readonly File[], role?: InputRole) => {
    if (files.length === 0) return;
    setProblems([]);
    const pending = files.map((f, n) => ({ key: `${Date.now()}-${n}-${f.name}`, name: f.name }));
    setUploading((all) => [...all, ...pending]);
    await Promise.all(
      files.map(async (file, n) => {
        try {
          const up = await uploadFile(file);
          onChange((all) =>
            // The same bytes again keep their place and role, unless a role is asked for.
            !role && all.some((i) => i.sha256 === up.sha256)
              ? all
              : addInputs(all, [
                  {
                    sha256: up.sha256,
                    url: up.url,
                    name: file.name || 'Pasted image',
                    width: up.width,
                    height: up.height,
                    role: role ?? roleFor(all),
                  },
                ]),
          );
        } catch (error) {
          setProblems((all) => [...all, error instanceof Error ? error.message : String(error)]);
        } finally {
          setUploading((all) => all.filter((u) => u.key !== pending[n]?.key));
        }
      }),
    );
  };

  // A pasted image (Ctrl+V anywhere on the page) is added like a dropped one; pasted text is not
  // touched.
  const onPaste = useEffectEvent((e: ClipboardEvent) => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    e.preventDefault();
    void add(files);
  });
  useEffect(() => {
    const listener = (e: ClipboardEvent) => onPaste(e);
    document.addEventListener('paste', listener);
    return () => document.removeEventListener('paste', listener);
  }, []);

  const pick = (role?: InputRole) => {
    setPickRole(role);
    picker.current?.click();
  };
  const onDragOver = (e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setOver(true);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void add([...e.dataTransfer.files]);
  };

  return (
    <section className="run-inputs" aria-labelledby={`${id}-title`}>
      <div
        className={`drop-zone${over ? ' drop-zone-over' : ''}`}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="drop-zone"
      >
        <p id={`${id}-title`} className="field-label">
          Images to start from <span className="muted">(optional)</span>
        </p>
        <p className="field-help" id={`${id}-help`}>
          Drop images here, paste one ({RUN_SHORTCUT.replace('Enter', 'V')}) or choose files.
          {kind === 'image'
            ? ' The image to edit comes first; a mask is opaque where the image stays and transparent where it may change.'
            : ' A video starts from its first frame and, where the model takes one, ends on its last.'}
        </p>
        <div className="row">
          <button
            type="button"
            className="button button-small"
            onClick={() => pick()}
            aria-describedby={`${id}-help`}
          >
            Choose images…
          </button>
          {kind === 'image' && (
            <button type="button" className="button button-small" onClick={() => pick('mask')}>
              Choose a mask…
            </button>
          )}
        </div>
        <input
          ref={picker}
          type="file"
          accept="image/*"
          multiple={pickRole !== 'mask'}
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid="input-files"
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            e.target.value = '';
            void add(files, pickRole);
          }}
        />
      </div>
      {problems.length > 0 && (
        <div className="notice notice-error" role="alert" data-testid="input-problems">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {problem && (
        <p className="field-help field-error" role="alert">
          {problem}
        </p>
      )}
      {(inputs.length > 0 || uploading.length > 0) && (
        <ul className="input-list" aria-label="Images this run is given">
          {inputs.map((input) => (
            <InputItem
              key={input.sha256}
              input={input}
              roles={ROLES_FOR[kind]}
              onRole={(role) => onChange((all) => setRole(all, input.sha256, role))}
              onRemove={() => onChange((all) => all.filter((i) => i.sha256 !== input.sha256))}
            />
          ))}
          {uploading.map((u) => (
            <li key={u.key} className="input-item" aria-busy="true">
              <span className="input-thumb input-thumb-pending" aria-hidden="true" />
              <span className="muted">Uploading {u.name || 'the pasted image'}…</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function InputItem({
  input,
  roles,
  onRole,
  onRemove,
}: {
  input: GivenInput;
  roles: readonly InputRole[];
  onRole: (role: InputRole) => void;
  onRemove: () => void;
}) {
  // A role of the other kind of run (a mask in a video run) stays visible until changed.
  const options = roles.includes(input.role) ? roles : [...roles, input.role];
  return (
    <li className="input-item" data-role={input.role}>
      <img
        className="input-thumb"
        src={input.url}
        alt={`${ROLE_LABELS[input.role]}: ${input.name}`}
        width={64}
        height={64}
      />
      <div className="input-facts">
        <span className="input-name" title={input.name}>
          {input.name}
        </span>
        {input.width && input.height && (
          <span className="muted">
            {input.width} × {input.height}
          </span>
        )}
        <select
          value={input.role}
          aria-label={`Role of ${input.name}`}
          onChange={(e) => onRole(e.target.value as InputRole)}
        >
          {options.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <button type="button" className="button button-small" onClick={onRemove}>
        Remove<span className="visually-hidden"> {input.name}</span>
      </button>
    </li>
  );
}
