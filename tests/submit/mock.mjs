// Starts tests/mock_api/server.mjs on a free 127.0.0.1 port for a test.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

export const repo = path.resolve(import.meta.dirname, '../..');
export const swaggerDir = process.env.KFP_CORPUS
  ? path.join(process.env.KFP_CORPUS, 'kfp-api-v2beta1')
  : path.resolve(repo, '../shared/corpus/kfp-api-v2beta1');
export const haveSwagger = fs.existsSync(path.join(swaggerDir, 'kfp_api_single_file.swagger.json'));
export const kfpc = process.env.KFPC || path.join(repo, 'build/native/cli/kfpc');

export async function startMock(extra = []) {
  const proc = spawn(process.execPath, [path.join(repo, 'tests/mock_api/server.mjs'), '--swagger', swaggerDir, ...extra], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise((resolve, reject) => {
    readline.createInterface({ input: proc.stdout }).once('line', resolve);
    proc.once('exit', (c) => reject(new Error('mock exited ' + c)));
  });
  const { port } = JSON.parse(line);
  const base = `http://127.0.0.1:${port}`;
  return {
    base,
    async requests() {
      return (await fetch(base + '/__mock/requests')).json();
    },
    async state() {
      return (await fetch(base + '/__mock/state')).json();
    },
    stop() {
      proc.kill();
    },
  };
}
