/** README's "Define a routed workflow" shows the example project's code as it is, file by file. */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

describe('README "Define a routed workflow"', () => {
  it.each(['src/workflows/index.ts', 'src/worker.ts', 'src/client.ts'])('shows examples/ticket-triage/%s verbatim', async (file) => {
    const readme = await readFile('README.md', 'utf8');
    const section = readme.slice(readme.indexOf('## Define a routed workflow'), readme.indexOf('## Write a policy'));
    const marker = `// examples/ticket-triage/${file}\n`;
    expect(section).toContain(marker);
    const shown = section.slice(section.indexOf(marker) + marker.length, section.indexOf('```', section.indexOf(marker)));
    expect(shown).toBe(await readFile(`examples/ticket-triage/${file}`, 'utf8'));
  });
});
