import onnxProto from 'onnx-proto';

/** The ONNX protobuf classes (onnx-proto is CommonJS: its namespace comes through the default export). */
export const { onnx } = onnxProto;
export type ModelProto = onnxProto.onnx.IModelProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

/** ONNX's tensor element types (TensorProto.DataType), as plain numbers: the protobuf fields are numbers. */
export const ElemType = {
  UNDEFINED: 0,
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  UINT16: 4,
  INT16: 5,
  INT32: 6,
  INT64: 7,
  STRING: 8,
  BOOL: 9,
  FLOAT16: 10,
  DOUBLE: 11,
  UINT32: 12,
  UINT64: 13,
} as const;
export type ElemType = number;

/** The opsets the exported graphs import: ai.onnx 19 (Equal on strings), ai.onnx.ml 3. */
export const OPSET = 19;
export const ML_OPSET = 3;
/** IR version 9 goes with opset 19 (onnx 1.14+). */
export const IR_VERSION = 9;
export const ML_DOMAIN = 'ai.onnx.ml';

/** A missing value in a text input of the workbench's graphs (ONNX strings cannot be null); a missing number is NaN. */
export const MISSING_TEXT = '';

/** The metadata_props key under which the workbench's graphs describe their inputs (kind, nullable), read back when scoring. */
export const INPUTS_METADATA = 'workbench.inputs';

type AttributeValue = number | string | number[] | string[] | { float: number } | { floats: number[] };

const text = new TextEncoder();

function attribute(name: string, value: AttributeValue): onnxProto.onnx.IAttributeProto {
  const { AttributeType } = onnx.AttributeProto;
  if (typeof value === 'number') return { name, type: AttributeType.INT, i: value };
  if (typeof value === 'string') return { name, type: AttributeType.STRING, s: text.encode(value) };
  if (Array.isArray(value)) {
    if (value.every((v): v is string => typeof v === 'string')) return { name, type: AttributeType.STRINGS, strings: value.map((v) => text.encode(v)) };
    return { name, type: AttributeType.INTS, ints: value };
  }
  if ('float' in value) return { name, type: AttributeType.FLOAT, f: value.float };
  return { name, type: AttributeType.FLOATS, floats: value.floats };
}

function bytesOf(view: ArrayBufferView): Uint8Array {
  // Little-endian raw data, as ONNX stores it: typed arrays are little-endian on every platform Node runs on.
  return new Uint8Array(view.buffer.slice(view.byteOffset, view.byteOffset + view.byteLength));
}

/** A dimension: a fixed size, or a symbolic one (the batch, `N`). */
export type Dim = number | string;

export function valueInfo(name: string, elemType: ElemType, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  };
}

/**
 * Builds one graph: nodes in the order added (topological by construction),
 * constants as initializers, every intermediate value under a fresh name that
 * cannot collide with an input or output.
 */
export class GraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private counter = 0;

  fresh(hint: string): string {
    this.counter += 1;
    return `_wb${this.counter}_${hint}`;
  }

  input(name: string, elemType: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, elemType, dims));
    return name;
  }

  output(name: string, elemType: ElemType, dims: Dim[]): void {
    this.outputs.push(valueInfo(name, elemType, dims));
  }

  /** Adds a node with one output; `output` names it (a graph output), or a fresh name is made. */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, options: { domain?: string; output?: string } = {}): string {
    const output = options.output ?? this.fresh(opType.toLowerCase());
    this.nodes.push({
      opType,
      domain: options.domain ?? '',
      name: this.fresh(`node_${opType}`),
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return output;
  }

  private constant(hint: string, tensor: onnxProto.onnx.ITensorProto): string {
    const name = this.fresh(hint);
    this.initializers.push({ ...tensor, name });
    return name;
  }

  doubles(values: number[], dims: number[] = [values.length], hint = 'double'): string {
    return this.constant(hint, { dataType: ElemType.DOUBLE, dims, rawData: bytesOf(Float64Array.from(values)) });
  }

  floats(values: ArrayLike<number>, dims: number[] = [values.length], hint = 'float'): string {
    return this.constant(hint, { dataType: ElemType.FLOAT, dims, rawData: bytesOf(Float32Array.from(values)) });
  }

  int64s(values: number[], dims: number[] = [values.length], hint = 'int64'): string {
    return this.constant(hint, { dataType: ElemType.INT64, dims, rawData: bytesOf(BigInt64Array.from(values, (v) => BigInt(v))) });
  }

  strings(values: string[], dims: number[] = [values.length], hint = 'string'): string {
    return this.constant(hint, { dataType: ElemType.STRING, dims, stringData: values.map((v) => text.encode(v)) });
  }

  /** The model, serialised; `metadata` goes into metadata_props. */
  encode(options: { name: string; metadata?: Record<string, string>; docString?: string; producerVersion?: string }): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: IR_VERSION,
      producerName: 'ml-workbench',
      producerVersion: options.producerVersion ?? '1',
      docString: options.docString ?? '',
      opsetImport: [
        { domain: '', version: OPSET },
        { domain: ML_DOMAIN, version: ML_OPSET },
      ],
      metadataProps: Object.entries(options.metadata ?? {}).map(([key, value]) => ({ key, value })),
      graph: {
        name: options.name,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}
