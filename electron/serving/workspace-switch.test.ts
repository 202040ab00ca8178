import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../test/helpers';
import { servingBackend } from './testing';

describe('model servers and the open workspace', () => {
  it('stops every server when another workspace is opened: they served the old registry', async () => {
    const test = await servingBackend();
    try {
      const { server } = await test.client.call('serving.start', { models: [{ uri: 'models:/churn@champion' }] });
      expect((await fetch(`${server.url}/ping`)).status).toBe(200);
      const other = join(test.home, 'other');
      mkdirSync(other);
      await test.client.call('workspace.open', { path: other });
      await waitFor(() => test.backend.serving.servers().length === 0, 5000, 'the servers to stop');
      await expect(fetch(`${server.url}/ping`)).rejects.toThrow();
    } finally {
      await test.close();
    }
  });
});
