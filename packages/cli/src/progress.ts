import type { CommandIO } from './command.js';

/** A progress line on stderr, only on a terminal and only once a run has taken over a second. */
export function progressReporter(io: CommandIO): { update(p: { phase: string; done: number; total: number }): void; done(): void } {
  const start = Date.now();
  let shown = false;
  return {
    update({ phase, done, total }) {
      if (!io.isTTY) return;
      const elapsed = (Date.now() - start) / 1000;
      if (elapsed < 1) return;
      const eta = done > 0 && total > done ? ` ETA ${Math.ceil((elapsed / done) * (total - done))}s` : '';
      io.stderr(`\r\u001b[2K${phase}: ${done}/${total} files${eta}`);
      shown = true;
    },
    done() {
      if (shown) io.stderr('\r\u001b[2K');
    },
  };
}
