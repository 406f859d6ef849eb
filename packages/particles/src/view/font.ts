// A 3x5 pixel font for the few characters the scene writes (numbers and "t = "), so the
// GIF renderer needs no font files or text shaping.

/** Glyph rows top to bottom, three pixels each ('#' on, '.' off). */
const GLYPHS: Readonly<Record<string, string>> = {
  '0': '### #.# #.# #.# ###',
  '1': '.#. ##. .#. .#. ###',
  '2': '### ..# ### #.. ###',
  '3': '### ..# ### ..# ###',
  '4': '#.# #.# ### ..# ..#',
  '5': '### #.. ### ..# ###',
  '6': '### #.. ### #.# ###',
  '7': '### ..# .#. .#. .#.',
  '8': '### #.# ### #.# ###',
  '9': '### #.# ### ..# ###',
  '-': '... ... ### ... ...',
  '.': '... ... ... ... .#.',
  '=': '... ### ... ### ...',
  t: '.#. ### .#. .#. .##',
  ' ': '... ... ... ... ...',
};

/** Glyph width and height in font pixels; each character advances by width + 1. */
export const GLYPH_WIDTH = 3;
export const GLYPH_HEIGHT = 5;

/**
 * The lit pixels of `text` as [column, row] pairs in font pixels, from the top-left of the
 * first character. Characters without a glyph are left blank.
 */
export function glyphPixels(text: string): [number, number][] {
  const pixels: [number, number][] = [];
  [...text].forEach((char, index) => {
    const rows = (GLYPHS[char] ?? GLYPHS[' ']!).split(' ');
    rows.forEach((row, y) => {
      [...row].forEach((cell, x) => {
        if (cell === '#') pixels.push([index * (GLYPH_WIDTH + 1) + x, y]);
      });
    });
  });
  return pixels;
}

/** Width of `text` in font pixels. */
export function textWidth(text: string): number {
  return text.length === 0 ? 0 : text.length * (GLYPH_WIDTH + 1) - 1;
}
