import { useId } from 'react';
import { activations, backendNames, optimizers, type BackendInfo } from '../../../../../shared/contract';
import { backendLabel } from './backend-label';
import { CheckField, plainOptions, SelectField, TextField, type Option, type SectionProps } from './fields';
import { validationMetrics } from './form-load';
import { linearName, type TrainForm } from './form-state';

function backendOptions(backends: readonly BackendInfo[] | null): Option<TrainForm['backend']>[] {
  const first = backends?.find((b) => b.available);
  const auto: Option<TrainForm['backend']> = { value: 'auto', label: first ? `Auto (${backendLabel(first.name)} · ${first.device})` : 'Auto (first that loads)' };
  if (!backends) return [auto, ...backendNames.map((name) => ({ value: name, label: backendLabel(name) }))];
  return [
    auto,
    ...backends.map((b) => ({ value: b.name, label: b.available ? `${backendLabel(b.name)} · ${b.device}` : `${backendLabel(b.name)} (not available)`, disabled: !b.available, title: b.reason })),
  ];
}

/** The algorithm and how it is trained: optimizer, schedule, early stopping, class weights, seed and backend. */
export function ModelSection({ form, update, problems, backends }: SectionProps & { backends: readonly BackendInfo[] | null }) {
  const metricList = useId();
  const classification = form.task !== 'regression';
  return (
    <fieldset className="xp-section" data-testid="train-model">
      <legend>Algorithm and settings</legend>
      <div className="xp-grid">
        <SelectField
          label="Algorithm"
          value={form.algorithm}
          options={[
            { value: 'linear', label: linearName(form.task) },
            { value: 'mlp', label: 'MLP (neural network)' },
          ]}
          slot="algorithm"
          problems={problems}
          testId="train-algorithm"
          onChange={(algorithm) => update({ algorithm })}
        />
        {form.algorithm === 'mlp' && (
          <>
            <TextField label="Hidden layers" value={form.hiddenLayers} onChange={(hiddenLayers) => update({ hiddenLayers })} slot="algorithm.hiddenLayers" problems={problems} placeholder="64, 64" hint="Units per layer" />
            <SelectField label="Activation" value={form.activation} options={plainOptions(activations)} onChange={(activation) => update({ activation })} slot="algorithm.activation" problems={problems} />
            <TextField label="Dropout" value={form.dropout} onChange={(dropout) => update({ dropout })} slot="algorithm.dropout" problems={problems} numeric placeholder="0" />
          </>
        )}
        <TextField label="L2" value={form.l2} onChange={(l2) => update({ l2 })} slot="algorithm.l2" problems={problems} numeric placeholder="0" />
      </div>
      <div className="xp-grid">
        <SelectField label="Optimizer" value={form.optimizer} options={plainOptions(optimizers)} onChange={(optimizer) => update({ optimizer })} slot="settings.optimizer" problems={problems} />
        <TextField label="Learning rate" value={form.learningRate} onChange={(learningRate) => update({ learningRate })} slot="settings.learningRate" problems={problems} numeric placeholder="0.01" />
        <TextField label="Batch size" value={form.batchSize} onChange={(batchSize) => update({ batchSize })} slot="settings.batchSize" problems={problems} numeric placeholder="256" />
        <TextField label="Epochs" value={form.epochs} onChange={(epochs) => update({ epochs })} slot="settings.epochs" problems={problems} numeric placeholder="30" testId="train-epochs" />
        <TextField label="Seed" value={form.seed} onChange={(seed) => update({ seed })} slot="settings.seed" problems={problems} numeric placeholder="42" hint="Same seed, data and backend: same model" />
        {classification && (
          <SelectField
            label="Class weights"
            value={form.classWeights}
            options={[
              { value: 'none', label: 'none' },
              { value: 'balanced', label: 'balanced' },
              { value: 'custom', label: 'custom…' },
            ]}
            onChange={(classWeights) => update({ classWeights })}
            slot="settings.classWeights"
            problems={problems}
          />
        )}
        {classification && form.classWeights === 'custom' && (
          <TextField label="Weights" value={form.customWeights} onChange={(customWeights) => update({ customWeights })} slot="settings.classWeights" problems={problems} placeholder="Yes=3, No=1" />
        )}
      </div>
      <div className="xp-grid">
        <div className="xp-field xp-field-button">
          <CheckField label="Early stopping" checked={form.earlyStopping} onChange={(earlyStopping) => update({ earlyStopping })} testId="train-early-stopping" />
        </div>
        {form.earlyStopping && (
          <>
            <TextField label="Stop on" value={form.earlyStoppingMetric} onChange={(earlyStoppingMetric) => update({ earlyStoppingMetric })} slot="settings.earlyStopping" problems={problems} list={metricList} placeholder="val_loss" />
            <TextField label="Patience (epochs)" value={form.patience} onChange={(patience) => update({ patience })} slot="settings.earlyStopping" problems={problems} numeric placeholder="5" />
          </>
        )}
        <datalist id={metricList}>
          {validationMetrics(form.task).map((metric) => (
            <option key={metric} value={metric} />
          ))}
        </datalist>
        <SelectField label="Backend" value={form.backend} options={backendOptions(backends)} onChange={(backend) => update({ backend })} slot="backend" problems={problems} testId="train-backend" />
      </div>
      {backends && (
        <ul className="xp-backends" aria-label="Backends" data-testid="train-backends">
          {backends.map((b) => (
            <li key={b.name} className={b.available ? 'xp-ok' : 'xp-soft'} title={b.reason}>
              <span aria-hidden="true">{b.available ? '●' : '○'}</span> {backendLabel(b.name)}: {b.available ? b.device : (b.reason ?? 'not available')}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
