/** Chart.js set up once for every Cache Lab chart: tree-shaken parts, theme colours, reduced motion. */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LogarithmicScale,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
} from 'chart.js';
import { onThemeChange, prefersReducedMotion, themeColors, type ThemeColors } from './theme';

Chart.register(LineController, LineElement, PointElement, BarController, BarElement, LinearScale, LogarithmicScale, CategoryScale, Legend, Tooltip, Filler);

export interface ThemedChart<T extends ChartType = 'line'> {
  readonly chart: Chart<T>;
  /** Rebuilds data and options from `configure`: after the caller's data changed, and on theme changes. */
  refresh(): void;
}

/** A chart drawn from `configure`, which is called again with the new colours whenever the theme changes. */
export function themedChart<T extends ChartType = 'line'>(canvas: HTMLCanvasElement, configure: (colors: ThemeColors) => ChartConfiguration<T>): ThemedChart<T> {
  const build = (): ChartConfiguration<T> => {
    const colors = themeColors();
    Chart.defaults.color = colors.foreground;
    Chart.defaults.borderColor = colors.grid;
    Chart.defaults.font.family = getComputedStyle(document.body).getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
    const config = configure(colors);
    // Every chart type takes `animation`; the generic options type cannot say so.
    if (prefersReducedMotion()) config.options = { ...config.options, animation: false } as typeof config.options;
    return config;
  };
  const chart = new Chart(canvas, build());
  const refresh = (): void => {
    const next = build();
    chart.data = next.data;
    chart.options = next.options ?? ({} as typeof chart.options);
    chart.update();
  };
  onThemeChange(refresh);
  return { chart, refresh };
}

export interface TimelineSeries {
  readonly label: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/**
 * Stepped lines over time, one per series, in the theme's series colours; a logarithmic y axis
 * starts at 0.1, where quiet stretches (0, which a log scale cannot show) are drawn.
 */
export function timelineConfig(colors: ThemeColors, series: readonly TimelineSeries[], axes: { readonly x: string; readonly y: string; readonly logarithmic?: boolean }): ChartConfiguration<'line'> {
  const logarithmic = axes.logarithmic ?? false;
  return {
    type: 'line',
    data: {
      datasets: series.map((s, i) => ({
        label: s.label,
        data: s.points.map((p) => ({ x: p.x, y: logarithmic ? Math.max(p.y, 0.1) : p.y })),
        borderColor: colors.series[i % colors.series.length],
        backgroundColor: colors.series[i % colors.series.length],
        pointRadius: 0,
        borderWidth: 1.5,
        stepped: true,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', intersect: false },
      scales: {
        x: { type: 'linear', title: { display: true, text: axes.x } },
        y: { type: logarithmic ? 'logarithmic' : 'linear', beginAtZero: !logarithmic, min: logarithmic ? 0.1 : 0, title: { display: true, text: axes.y } },
      },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true, boxHeight: 6 } } },
    },
  };
}
