import pc from 'picocolors';

export type Palette = ReturnType<typeof pc.createColors>;

/** Colours on or off, decided once by the configuration (NO_COLOR, --no-color, a terminal or not). */
export function palette(enabled: boolean): Palette {
  return pc.createColors(enabled);
}
