/** Chart.js set up once for every Cache Lab chart: tree-shaken parts, theme colours, reduced motion. */
import {
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
} from 'chart.js';
import { onThemeChange, prefersReducedMotion, themeColors, type ThemeColors } from './theme';

Chart.register(LineController, LineElement, PointElement, LinearScale, LogarithmicScale, CategoryScale, Legend, Tooltip, Filler);

export interface ThemedChart {
  readonly chart: Chart<'line'>;
  /** Rebuilds data and options from `configure`: after the caller's data changed, and on theme changes. */
  refresh(): void;
}

/** A line chart drawn from `configure`, which is called again with the new colours whenever the theme changes. */
export function themedChart(canvas: HTMLCanvasElement, configure: (colors: ThemeColors) => ChartConfiguration<'line'>): ThemedChart {
  const build = (): ChartConfiguration<'line'> => {
    const colors = themeColors();
    Chart.defaults.color = colors.foreground;
    Chart.defaults.borderColor = colors.grid;
    Chart.defaults.font.family = getComputedStyle(document.body).getPropertyValue('--vscode-font-family').trim() || 'sans-serif';
    const config = configure(colors);
    config.options = { ...config.options, ...(prefersReducedMotion() ? { animation: false } : {}) };
    return config;
  };
  const chart = new Chart(canvas, build());
  const refresh = (): void => {
    const next = build();
    chart.data = next.data;
    chart.options = next.options ?? {};
    chart.update();
  };
  onThemeChange(refresh);
  return { chart, refresh };
}
