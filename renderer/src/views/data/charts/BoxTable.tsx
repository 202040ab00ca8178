import type { BoxChart } from '../../../../../shared/contract';

const format = (n: number): string => n.toLocaleString('en-US', { maximumSignificantDigits: 6 });

/** The numbers behind a box plot, outlier counts included (the plot shows no outlier points). */
export function BoxTable({ chart }: { chart: BoxChart }) {
  const faceted = chart.facets.length > 0;
  return (
    <table className="table chart-stats" aria-label="Box plot statistics">
      <thead>
        <tr>
          {faceted && <th>{chart.spec.facet}</th>}
          <th>{chart.spec.color ?? 'column'}</th>
          <th>n</th>
          <th>lower whisker</th>
          <th>q1</th>
          <th>median</th>
          <th>q3</th>
          <th>upper whisker</th>
          <th>mean</th>
          <th>outliers</th>
        </tr>
      </thead>
      <tbody>
        {chart.series.map((s) => (
          <tr key={`${s.facet ?? ''}\u0000${s.group ?? ''}`}>
            {faceted && <td>{s.facet}</td>}
            <td>{s.group ?? chart.spec.x}</td>
            <td>{s.n.toLocaleString('en-US')}</td>
            <td>{format(s.lowerWhisker)}</td>
            <td>{format(s.q1)}</td>
            <td>{format(s.median)}</td>
            <td>{format(s.q3)}</td>
            <td>{format(s.upperWhisker)}</td>
            <td>{format(s.mean)}</td>
            <td>{s.outliers.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
