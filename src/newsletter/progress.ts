/** Progress for long sends: a bar on a terminal, a plain line every 10% otherwise (logs, cron mail). */
import cliProgress from 'cli-progress';

export interface Progress {
  start(label: string, total: number): void;
  tick(outcome: string): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream): Progress {
  let bar: cliProgress.SingleBar | undefined;
  let label = '';
  let total = 0;
  let done = 0;
  let failed = 0;
  return {
    start(name, count) {
      this.stop();
      [label, total, done, failed] = [name, count, 0, 0];
      if (stream.isTTY) {
        bar = new cliProgress.SingleBar({ stream, format: `${name} [{bar}] {value}/{total} sent or tried, {failed} failed, eta {eta_formatted}` }, cliProgress.Presets.shades_classic);
        bar.start(count, 0, { failed: 0 });
      } else {
        stream.write(`${label}: sending to ${count} subscribers\n`);
      }
    },
    tick(outcome) {
      done++;
      if (outcome !== 'sent') failed++;
      if (bar) bar.update(done, { failed });
      else if (done === total || done % Math.max(1, Math.ceil(total / 10)) === 0) stream.write(`${label}: ${done}/${total} (${failed} failed)\n`);
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
