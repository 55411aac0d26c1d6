import type { Json } from './jsonInput';
import { allowed, bad, obj, show, str } from './jsonInput';
import { parseStep } from './parseSteps';
import { Model, parseRoot } from './parseTree';
import type { Scenario } from './scenario';

/**
 * Reads and checks a scenario (SPEC.md, versions 1 and 2, with the same
 * checks as the oracle's `tools/oracle/json2term.mjs`); a problem throws an
 * InputError whose one-line message names the field. Using a version-2
 * field, op or term without `"version": 2` is an error.
 */
export function parseScenario(json: Json): Scenario {
  const top = obj(json, 'scenario');
  allowed(top, 'scenario', ['name', 'description', 'version', 'tree', 'steps', 'unordered']);
  if (top['name'] !== undefined) str(top['name'], 'name');
  if (top['description'] !== undefined) str(top['description'], 'description');
  const version = top['version'] ?? 1;
  if (version !== 1 && version !== 2) bad('version', `must be 1 or 2, got ${show(version)}`);
  if (top['tree'] === undefined) bad('tree', 'is required');
  const m = new Model(version === 2);
  const tree = parseRoot(top['tree'], m);
  const rawSteps = top['steps'] ?? [];
  if (!Array.isArray(rawSteps)) bad('steps', 'must be an array');
  const steps = rawSteps.map((s: Json, i) => parseStep(s, `steps[${i}]`, m));
  m.checkRules();
  const u = top['unordered'];
  if (u !== undefined) {
    if (!Array.isArray(u)) bad('unordered', 'must be an array');
    u.forEach((k: Json, i) => {
      const ok =
        k === 'start' ||
        k === 'end' ||
        (Number.isInteger(k) && (k as number) >= 0 && (k as number) < steps.length);
      if (!ok) bad(`unordered[${i}]`, `must be a step index, "start" or "end", got ${show(k)}`);
    });
  }
  return {
    name: typeof top['name'] === 'string' ? top['name'] : 'scenario',
    version,
    tree,
    steps,
  };
}
