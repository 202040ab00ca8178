import { useState } from 'react';
import { chartAggregates, chartKinds, type ChartKind, type ChartSpecInput, type ResultColumn } from '../../../../../shared/contract';
import { columnsFor, fitSpec, kindRules, type Role } from './columns';

export interface SourceOption {
  key: string;
  label: string;
}

interface Props {
  sources: SourceOption[];
  sourceKey: string;
  onSource: (key: string) => void;
  columns: ResultColumn[];
  spec: ChartSpecInput;
  onSpec: (spec: ChartSpecInput) => void;
}

const NONE = '';

/** Source, kind and columns of a chart: each select lists only the columns that suit its role for the kind chosen. */
export function ChartForm({ sources, sourceKey, onSource, columns, spec, onSpec }: Props) {
  const rules = kindRules[spec.kind];
  const set = (patch: Partial<ChartSpecInput>): void => onSpec(fitSpec({ ...spec, ...patch }, columns));
  const optional = (value: string): string | undefined => (value === NONE ? undefined : value);

  const columnSelect = (role: Role, label: string, value: string | undefined, allowNone: boolean) => (
    <label className="chart-field">
      <span>{label}</span>
      <select aria-label={label} value={value ?? NONE} onChange={(e) => set({ [role]: optional(e.target.value) ?? (role === 'x' ? '' : undefined) })}>
        {allowNone && <option value={NONE}>(none)</option>}
        {!allowNone && value === '' && <option value="">(no suitable column)</option>}
        {columnsFor(spec.kind, role, columns).map((c) => (
          <option key={c.name} value={c.name}>
            {c.name} · {c.type.toLowerCase()}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <form className="chart-form" aria-label="Chart settings" onSubmit={(e) => e.preventDefault()}>
      <label className="chart-field">
        <span>Source</span>
        <select aria-label="Source" value={sourceKey} onChange={(e) => onSource(e.target.value)}>
          {sourceKey === '' && <option value="">(choose a dataset)</option>}
          {sources.map((s) => (
            <option key={s.key} value={s.key}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      <label className="chart-field">
        <span>Kind</span>
        <select aria-label="Kind" value={spec.kind} onChange={(e) => set({ kind: e.target.value as ChartKind })}>
          {chartKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindRules[kind].label}
            </option>
          ))}
        </select>
      </label>
      {columnSelect('x', rules.xLabel, spec.x, false)}
      {rules.y && columnSelect('y', rules.yRequired ? 'y' : 'y (optional)', spec.y, !rules.yRequired)}
      {rules.aggregate && (
        <label className="chart-field">
          <span>Aggregate</span>
          <select aria-label="Aggregate" value={spec.aggregate ?? NONE} onChange={(e) => set({ aggregate: optional(e.target.value) as ChartSpecInput['aggregate'] })}>
            <option value={NONE}>{spec.y === undefined ? 'count rows' : 'mean (default)'}</option>
            {chartAggregates
              .filter((a) => spec.y !== undefined || a === 'count')
              .map((a) => (
                <option key={a} value={a}>
                  {a}
                </option>
              ))}
          </select>
        </label>
      )}
      {columnSelect('color', 'Colour by', spec.color, true)}
      {columnSelect('facet', 'Facet by', spec.facet, true)}
      {rules.bins && <BinsField bins={spec.bins ?? 40} onBins={(bins) => set({ bins })} />}
    </form>
  );
}

/** A number field that lets the user type freely and passes on only valid bin counts. */
function BinsField({ bins, onBins }: { bins: number; onBins: (bins: number) => void }) {
  const [draft, setDraft] = useState(String(bins));
  const [shown, setShown] = useState(bins);
  if (bins !== shown) {
    // Opened a saved chart, say: show its bins.
    setShown(bins);
    setDraft(String(bins));
  }
  return (
    <label className="chart-field chart-field-narrow">
      <span>Bins</span>
      <input
        aria-label="Bins"
        type="number"
        min={2}
        max={200}
        value={draft}
        onChange={(e) => {
          setDraft(e.target.value);
          const value = Number(e.target.value);
          if (Number.isInteger(value) && value >= 2 && value <= 200) {
            setShown(value);
            onBins(value);
          }
        }}
      />
    </label>
  );
}
