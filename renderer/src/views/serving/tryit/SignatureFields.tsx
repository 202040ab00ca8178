import { useId } from 'react';
import type { SignatureField } from '../../../../../shared/contract';
import { fieldKind, type FieldProblem, type FormValue, type FormValues } from './request-body';

interface Props {
  inputs: readonly SignatureField[];
  values: FormValues;
  problems: readonly FieldProblem[];
  onChange: (column: string, value: FormValue) => void;
}

const typeLabel = (field: SignatureField): string => (field.type === 'tensor' ? `tensor ${field.dtype ?? ''} [${(field.shape ?? []).join(', ')}]` : field.type) + (field.optional ? ', optional' : '');

/** One field per input column of the signature, typed as the column is. */
export function SignatureFields({ inputs, values, problems, onChange }: Props) {
  const id = useId();
  return (
    <div className="sv-grid" data-testid="tryit-fields">
      {inputs.map((field, index) => {
        const kind = fieldKind(field);
        const controlId = `${id}-${index}`;
        const problem = problems.find((p) => p.column === field.name);
        const value = values[field.name];
        const common = {
          id: controlId,
          'aria-invalid': problem ? true : undefined,
          'aria-describedby': problem ? `${controlId}-problem` : undefined,
          'data-testid': `tryit-field-${field.name}`,
          'data-column': field.name,
        };
        return (
          <div key={field.name} className={kind === 'json' ? 'sv-field sv-field-wide' : 'sv-field'}>
            {kind === 'boolean' ? (
              <label className="sv-check">
                <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(field.name, event.target.checked)} />
                {field.name} <span className="sv-soft">({typeLabel(field)})</span>
              </label>
            ) : (
              <>
                <label htmlFor={controlId}>
                  {field.name} <span className="sv-soft">({typeLabel(field)})</span>
                </label>
                {kind === 'json' ? (
                  <textarea {...common} rows={3} spellCheck={false} value={String(value ?? '')} onChange={(event) => onChange(field.name, event.target.value)} />
                ) : (
                  <input
                    {...common}
                    type={kind === 'text' ? 'text' : 'number'}
                    step={kind === 'integer' ? 1 : kind === 'number' ? 'any' : undefined}
                    spellCheck={false}
                    value={String(value ?? '')}
                    onChange={(event) => onChange(field.name, event.target.value)}
                  />
                )}
              </>
            )}
            {problem && (
              <span id={`${controlId}-problem`} className="sv-problem">
                {field.name} {problem.message}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
