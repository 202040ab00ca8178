import type { SearchDistribution } from '../../shared/contract';
import type { Rng } from './rng';

/** A hyperparameter's value: any JSON value (choice distributions hold arbitrary JSON). */
export type ParamValue = string | number | boolean | null | ParamValue[] | { [key: string]: ParamValue };

/**
 * How the samplers see a distribution. Numeric ones live in an internal space
 * where they are uniform under the prior: the logarithm for log-uniform, and
 * [low - 0.5, high + 0.5] for integers (a draw rounds to the nearest integer,
 * so each integer gets the same width). A choice is the index of its value.
 */
export type Domain =
  | { readonly kind: 'numeric'; readonly low: number; readonly high: number; readonly integer: boolean }
  | { readonly kind: 'categorical'; readonly size: number };

export function domainOf(distribution: SearchDistribution): Domain {
  switch (distribution.type) {
    case 'uniform':
      return { kind: 'numeric', low: distribution.low, high: distribution.high, integer: false };
    case 'loguniform':
      return { kind: 'numeric', low: Math.log(distribution.low), high: Math.log(distribution.high), integer: false };
    case 'int':
      return { kind: 'numeric', low: distribution.low - 0.5, high: distribution.high + 0.5, integer: true };
    case 'choice':
      return { kind: 'categorical', size: distribution.values.length };
  }
}

/** Puts a value of the internal space back on the domain: integers rounded and kept inside, indices whole. */
export function snap(domain: Domain, x: number): number {
  if (domain.kind === 'categorical') return Math.min(domain.size - 1, Math.max(0, Math.floor(x)));
  if (domain.integer) return Math.min(domain.high - 0.5, Math.max(domain.low + 0.5, Math.round(x)));
  return Math.min(domain.high, Math.max(domain.low, x));
}

/** A draw from the prior: uniform over the internal space. */
export function drawFromPrior(domain: Domain, rng: Rng): number {
  if (domain.kind === 'categorical') return snap(domain, rng() * domain.size);
  return snap(domain, domain.low + rng() * (domain.high - domain.low));
}

/** The hyperparameter value for an internal value. Choice values are copied, so trials never share objects. */
export function toParamValue(distribution: SearchDistribution, x: number): ParamValue {
  switch (distribution.type) {
    case 'uniform':
      return Math.min(distribution.high, Math.max(distribution.low, x));
    case 'loguniform':
      return Math.min(distribution.high, Math.max(distribution.low, Math.exp(x)));
    case 'int':
      return Math.min(distribution.high, Math.max(distribution.low, Math.round(x)));
    case 'choice':
      return structuredClone<ParamValue>(distribution.values[x] ?? null);
  }
}
