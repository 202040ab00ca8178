import { useId, type ReactNode } from 'react';

interface Props {
  label: string;
  value: string | number;
  onChange: (value: string) => void;
  disabled?: boolean;
  wide?: boolean;
  testId?: string;
  /** The options. */
  children: ReactNode;
}

/**
 * A labelled select. The label sits beside the select, not around it: a
 * wrapping label's text would take in the options' text, and tools that find
 * a field by its label would no longer find it by name.
 */
export function SelectField({ label, value, onChange, disabled = false, wide = false, testId, children }: Props) {
  const id = useId();
  return (
    <div className={wide ? 'mdl-field mdl-field-wide' : 'mdl-field'}>
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value)} disabled={disabled} data-testid={testId}>
        {children}
      </select>
    </div>
  );
}
