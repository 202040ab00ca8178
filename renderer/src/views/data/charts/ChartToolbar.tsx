interface Props {
  name: string;
  placeholder: string;
  onName: (name: string) => void;
  /** Updating the open saved chart, or saving a new one. */
  updating: boolean;
  canSave: boolean;
  canExport: boolean;
  onSave: (asNew: boolean) => void;
  onExport: (format: 'png' | 'svg') => void;
}

/** Name and save the chart, or export the drawn picture. */
export function ChartToolbar({ name, placeholder, onName, updating, canSave, canExport, onSave, onExport }: Props) {
  return (
    <form
      className="chart-toolbar"
      aria-label="Save or export the chart"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(false);
      }}
    >
      <input aria-label="Chart name" value={name} placeholder={placeholder} onChange={(e) => onName(e.target.value)} />
      <button type="submit" disabled={!canSave}>
        {updating ? 'Save' : 'Save chart'}
      </button>
      {updating && (
        <button type="button" disabled={!canSave} onClick={() => onSave(true)}>
          Save as new
        </button>
      )}
      <span className="chart-toolbar-gap" />
      <button type="button" disabled={!canExport} onClick={() => onExport('png')}>
        Export PNG
      </button>
      <button type="button" disabled={!canExport} onClick={() => onExport('svg')}>
        Export SVG
      </button>
    </form>
  );
}
