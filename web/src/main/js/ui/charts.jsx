import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';

export const PALETTE = ['#1f6feb', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#be185d'];

/** The split in force as one stacked bar, each member's part labelled in text. */
export function SplitBar({ shares, names }) {
  let x = 0;
  return (
    <figure class="split-bar">
      <svg viewBox="0 0 1000 60" role="img" aria-label={shares.map((s) => `${names.get(s.memberId) || s.name} ${s.percent} %`).join(', ')}>
        {shares.map((s, i) => {
          const w = s.basisPoints / 10;
          const rect = (
            <g key={s.memberId}>
              <rect x={x} y={0} width={w} height={60} fill={PALETTE[i % PALETTE.length]} />
              {w > 80 && (
                <text x={x + w / 2} y={37} text-anchor="middle" fill="#fff" font-size="22">
                  {(names.get(s.memberId) || s.name) + ' ' + s.percent + ' %'}
                </text>
              )}
            </g>
          );
          x += w;
          return rect;
        })}
      </svg>
    </figure>
  );
}

/**
 * A uPlot line chart over time. {@code series}: [{label, points: [[millis, value]...]}], drawn as
 * steps (a value holds until the next change). The same numbers are in a table beside each chart.
 */
export function StepChart({ title, series, format, until }) {
  const box = useRef(null);
  useEffect(() => {
    const el = box.current;
    if (!el || series.length === 0) return undefined;
    // Values hold until the next change, so each line runs on to {@code until} (now).
    const times = [...new Set(series.flatMap((s) => s.points.map((p) => p[0])).concat(until ? [until] : []))].sort(
      (a, b) => a - b,
    );
    const columns = series.map((s) => {
      let last = null;
      const byTime = new Map(s.points.map((p) => [p[0], p[1]]));
      return times.map((t) => {
        if (byTime.has(t)) last = byTime.get(t);
        return last;
      });
    });
    const data = [times.map((t) => t / 1000), ...columns];
    const plot = new uPlot(
      {
        title,
        width: Math.max(280, el.clientWidth),
        height: 240,
        scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] } },
        axes: [{}, { values: (u, ticks) => ticks.map((v) => (format ? format(v) : v)), size: 60 }],
        legend: { live: false },
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: PALETTE[i % PALETTE.length],
            width: 2,
            paths: uPlot.paths.stepped({ align: 1 }),
            value: (u, v) => (v == null ? '—' : format ? format(v) : v),
          })),
        ],
      },
      data,
      el,
    );
    const resize = () => plot.setSize({ width: Math.max(280, el.clientWidth), height: 240 });
    addEventListener('resize', resize);
    return () => {
      removeEventListener('resize', resize);
      plot.destroy();
    };
  }, [title, until, JSON.stringify(series)]);
  return <div class="chart" ref={box} aria-hidden="true" />;
}
