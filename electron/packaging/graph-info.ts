import { WorkbenchError } from '../../shared/contract';
import { onnx, type ValueInfoProto } from './onnx-builder';

/** One input or output of a graph, as read from the file. */
export interface GraphValue {
  name: string;
  /** ONNX's element type; null for a value that is not a tensor (a sequence or map, as ZipMap gives). */
  elemType: number | null;
  /** Sizes; null for a symbolic or unknown dimension. Null dims when the rank is unknown. */
  dims: (number | null)[] | null;
}

export interface GraphInfo {
  inputs: GraphValue[];
  outputs: GraphValue[];
  metadata: Record<string, string>;
  irVersion: number;
  opsets: { domain: string; version: number }[];
  /** Whether some weights live in files beside the graph (ONNX external data). */
  externalData: boolean;
}

/** protobufjs gives int64 fields as numbers, or Long objects past 2^53. */
function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  const long = value as { toNumber?: () => number } | null | undefined;
  return typeof long?.toNumber === 'function' ? long.toNumber() : 0;
}

function graphValue(info: ValueInfoProto): GraphValue {
  const tensor = info.type?.tensorType;
  if (!tensor) return { name: info.name ?? '', elemType: null, dims: null };
  const shape = tensor.shape;
  // A symbolic dimension decodes with dimValue 0.
  const dims = shape ? (shape.dim ?? []).map((dim) => {
        const size = toNumber(dim.dimValue as unknown);
        return size > 0 ? size : null;
      }) : null;
  return { name: info.name ?? '', elemType: tensor.elemType ?? 0, dims };
}

function invalid(file: string, message: string): WorkbenchError {
  return new WorkbenchError('model_invalid', `${file}: ${message}`, { file });
}

/**
 * Reads an ONNX file's interface: inputs (less initializers, which old
 * exporters list as inputs too), outputs, metadata. A file that does not
 * decode, or decodes to no graph, is `model_invalid` naming it.
 */
export function readGraphInfo(bytes: Uint8Array, file: string): GraphInfo {
  let model: ReturnType<typeof onnx.ModelProto.decode>;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw invalid(file, `not an ONNX model (${error instanceof Error ? error.message : String(error)}).`);
  }
  const graph = model.graph;
  const irVersion = toNumber(model.irVersion as unknown);
  if (!graph || irVersion <= 0 || irVersion > 100) throw invalid(file, 'not an ONNX model (no graph or no IR version).');
  const initializers = new Set((graph.initializer ?? []).map((tensor) => tensor.name));
  const inputs = (graph.input ?? []).filter((input) => !initializers.has(input.name)).map(graphValue);
  const outputs = (graph.output ?? []).map(graphValue);
  if (inputs.length === 0 || outputs.length === 0) throw invalid(file, 'the graph has no inputs or no outputs.');
  if ([...inputs, ...outputs].some((value) => value.name === '')) throw invalid(file, 'a graph input or output has no name.');
  const metadata: Record<string, string> = {};
  for (const prop of model.metadataProps ?? []) if (prop.key) metadata[prop.key] = prop.value ?? '';
  const opsets = (model.opsetImport ?? []).map((opset) => ({ domain: opset.domain ?? '', version: toNumber(opset.version as unknown) }));
  const externalData = (graph.initializer ?? []).some((tensor) => tensor.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL);
  return { inputs, outputs, metadata, irVersion, opsets, externalData };
}
