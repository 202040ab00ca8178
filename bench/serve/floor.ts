import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as ort from 'onnxruntime-node';

/**
 * The floor: the least a server can do to answer `/invocations` with a
 * dataframe_split body: read it, parse it, build one tensor per graph input,
 * run the session, and write one object per row. No checks, no metrics, no log.
 * Same session options as the workbench's scorer.
 */
export async function startFloorServer(onnxFile: string): Promise<{ url: string; close: () => Promise<void> }> {
  const session = await ort.InferenceSession.create(onnxFile, { executionProviders: ['cpu'], graphOptimizationLevel: 'all' });
  const inputs = session.inputMetadata.map((meta) => ({ name: meta.name, type: meta.isTensor ? meta.type : 'float32', rank: meta.isTensor ? meta.shape.length : 1 }));
  const outputs = session.outputNames;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const { dataframe_split: split } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { dataframe_split: { columns: string[]; data: (number | string | null)[][] } };
      const rows = split.data.length;
      const feeds: Record<string, ort.Tensor> = {};
      for (const input of inputs) {
        const at = split.columns.indexOf(input.name);
        const values = split.data.map((row) => row[at] ?? null);
        const dims = input.rank === 2 ? [rows, 1] : [rows];
        if (input.type === 'string') feeds[input.name] = new ort.Tensor('string', values.map((v) => (v === null ? '' : String(v))), dims);
        else if (input.type === 'int64') feeds[input.name] = new ort.Tensor('int64', BigInt64Array.from(values, (v) => BigInt(v as number)), dims);
        else if (input.type === 'float64') feeds[input.name] = new ort.Tensor('float64', Float64Array.from(values, (v) => (v === null ? Number.NaN : (v as number))), dims);
        else feeds[input.name] = new ort.Tensor('float32', Float32Array.from(values, (v) => (v === null ? Number.NaN : (v as number))), dims);
      }
      session.run(feeds).then(
        (results) => {
          const predictions = [];
          for (let r = 0; r < rows; r++) {
            const row: Record<string, unknown> = {};
            for (const name of outputs) {
              const value = results[name]?.data[r];
              row[name] = typeof value === 'bigint' ? Number(value) : value;
            }
            predictions.push(row);
          }
          response.writeHead(200, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ predictions }));
        },
        (error: unknown) => {
          response.writeHead(500);
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await session.release();
    },
  };
}
