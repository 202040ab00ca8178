import { writeFileSync } from 'node:fs';
import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * A tiny ONNX model, as a notebook's skl2onnx or torch.onnx would hand one
 * over: `y = x * factor` on a 1-D double input `x`. A different factor gives
 * different bytes (so a different blob).
 */
export function writeScaleModel(path: string, factor = 2): string {
  const model = onnx.ModelProto.create({
    irVersion: 9,
    producerName: 'registry-test',
    opsetImport: [{ domain: '', version: 19 }],
    graph: {
      name: 'scale',
      node: [{ opType: 'Mul', input: ['x', 'factor'], output: ['y'], name: 'scale' }],
      initializer: [{ name: 'factor', dataType: onnx.TensorProto.DataType.DOUBLE, dims: [], doubleData: [factor] }],
      input: [valueInfo('x')],
      output: [valueInfo('y')],
    },
  });
  writeFileSync(path, onnx.ModelProto.encode(model).finish());
  return path;
}

function valueInfo(name: string): onnxProto.onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: onnx.TensorProto.DataType.DOUBLE, shape: { dim: [{ dimParam: 'N' }] } } } };
}
