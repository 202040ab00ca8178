import { useId, type ReactNode } from 'react';
import type { PlacedProblems, ProblemSlot } from './problems';
import type { TrainForm } from './form-state';

/** What every section of the Train form gets: the form, a way to change it, and the problems found. */
export interface SectionProps {
  form: TrainForm;
  update: (patch: Partial<TrainForm>) => void;
  problems: PlacedProblems;
}

interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/** The messages for one field, read out with it (aria-describedby). */
export function ProblemText({ id, messages }: { id: string; messages: readonly string[] | undefined }) {
  if (!messages?.length) return null;
  return (
    <span id={id} className="xp-problem" data-testid="train-problem">
      {messages.join('; ')}
    </span>
  );
}

/** A labelled control with its problems under it; `children` draws the control with the ids it needs. */
export function Field({ label, slot, problems, hint, wide, children }: { label: string; slot?: ProblemSlot; problems?: PlacedProblems; hint?: ReactNode; wide?: boolean; children: (control: ControlProps) => ReactNode }) {
  const id = useId();
  const messages = slot ? problems?.get(slot) : undefined;
  const problemId = `${id}-problem`;
  return (
    <div className={wide ? 'xp-field xp-field-wide' : 'xp-field'}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': messages?.length ? problemId : undefined, 'aria-invalid': messages?.length ? true : undefined })}
      {hint && <span className="xp-hint">{hint}</span>}
      <ProblemText id={problemId} messages={messages} />
    </div>
  );
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  slot?: ProblemSlot;
  problems?: PlacedProblems;
  placeholder?: string;
  /** Numbers keep a text input: "0." and "1e-3" stay as typed while being typed. */
  numeric?: boolean;
  list?: string;
  hint?: ReactNode;
  wide?: boolean;
  disabled?: boolean;
  testId?: string;
}

export function TextField({ label, value, onChange, slot, problems, placeholder, numeric, list, hint, wide, disabled, testId }: TextFieldProps) {
  return (
    <Field label={label} slot={slot} problems={problems} hint={hint} wide={wide}>
      {(control) => (
        <input
          {...control}
          value={value}
          placeholder={placeholder}
          inputMode={numeric ? 'decimal' : undefined}
          list={list}
          disabled={disabled}
          spellCheck={false}
          data-testid={testId}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}

export interface Option<T extends string> {
  value: T;
  label: string;
  disabled?: boolean;
  title?: string;
}

interface SelectFieldProps<T extends string> {
  label: string;
  value: T;
  options: readonly Option<T>[];
  onChange: (value: T) => void;
  slot?: ProblemSlot;
  problems?: PlacedProblems;
  hint?: ReactNode;
  disabled?: boolean;
  testId?: string;
}

export function SelectField<T extends string>({ label, value, options, onChange, slot, problems, hint, disabled, testId }: SelectFieldProps<T>) {
  return (
    <Field label={label} slot={slot} problems={problems} hint={hint}>
      {(control) => (
        <select
          {...control}
          value={value}
          disabled={disabled}
          data-testid={testId}
          // The options are exactly the values of T.
          onChange={(event) => onChange(event.target.value as T)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value} disabled={option.disabled} title={option.title}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function CheckField({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId?: string }) {
  return (
    <label className="xp-check">
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      {label}
    </label>
  );
}

/** `[a, b]` as options whose label is the value. */
export const plainOptions = <T extends string>(values: readonly T[]): Option<T>[] => values.map((value) => ({ value, label: value }));
