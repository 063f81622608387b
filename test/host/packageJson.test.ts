import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAB_COMMANDS } from '../../src/shared/protocol';
import { policies } from '../../src/sim/policies';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8'));

describe('package.json', () => {
  it('offers every policy in the registry, described as the registry describes it, for cacheLab.simulation.policy', () => {
    const setting = manifest.contributes.configuration.properties['cacheLab.simulation.policy'];
    expect(setting.enum).toEqual(policies.map((policy) => policy.id));
    expect(setting.enumDescriptions).toEqual(policies.map((policy) => `${policy.label}: ${policy.description}`));
  });

  it('contributes a command for every panel, each activating the extension', () => {
    const commands = manifest.contributes.commands.map((command: { command: string }) => command.command);
    // The side view's lab buttons run exactly these.
    expect(commands).toEqual(expect.arrayContaining([...LAB_COMMANDS]));
    expect(LAB_COMMANDS).toHaveLength(6);
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onWebviewPanel:cacheLab.hitRateLab', 'onWebviewPanel:cacheLab.compare', 'onWebviewPanel:cacheLab.race', 'onWebviewPanel:cacheLab.strategies', 'onWebviewPanel:cacheLab.stampede', 'onWebviewPanel:cacheLab.distribution']));
  });
});
