/** A one-line progress bar on a terminal (stderr); silent when output is not a TTY. */
export function createProgressBar(stream: NodeJS.WritableStream & { isTTY?: boolean }, total: number, label: string) {
  let last = 0;
  const enabled = Boolean(stream.isTTY) && total > 0;
  const draw = (done: number, extra: string) => {
    const share = Math.min(1, done / total);
    const width = 30;
    const filled = Math.round(share * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(share * 100).toFixed(0).padStart(3)}% ${extra}`);
  };
  return {
    update(done: number, extra = '') {
      const now = Date.now();
      if (!enabled || now - last < 100) return;
      last = now;
      draw(done, extra);
    },
    finish(extra = '') {
      if (!enabled) return;
      draw(total, extra);
      stream.write('\n');
    },
  };
}
