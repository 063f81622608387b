/** Colours from the active VS Code theme, for what CSS cannot reach: the charts' canvas. */
export interface ThemeColors {
  readonly foreground: string;
  readonly muted: string;
  readonly grid: string;
  readonly background: string;
  readonly accent: string;
  /** One colour per data series, from the theme's chart palette. */
  readonly series: readonly string[];
}

const SERIES_VARIABLES = ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((name) => `--vscode-charts-${name}`);

export function themeColors(): ThemeColors {
  const style = getComputedStyle(document.body);
  const read = (name: string, fallback: string): string => style.getPropertyValue(name).trim() || fallback;
  const foreground = read('--vscode-foreground', '#cccccc');
  return {
    foreground,
    muted: read('--vscode-descriptionForeground', foreground),
    grid: read('--vscode-editorWidget-border', read('--vscode-widget-border', 'rgba(128, 128, 128, 0.35)')),
    background: read('--vscode-editor-background', '#1e1e1e'),
    accent: read('--vscode-focusBorder', '#007fd4'),
    series: SERIES_VARIABLES.map((name, i) => read(name, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][i]!)),
  };
}

/** VS Code swaps the body's theme class (vscode-light, vscode-dark, vscode-high-contrast) and variables together. */
export function onThemeChange(callback: () => void): void {
  new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}

export const prefersReducedMotion = (): boolean => window.matchMedia('(prefers-reduced-motion: reduce)').matches;
