// One floating tooltip for the canvas views (the DOM views use title attributes).
import { el } from './dom.js';

let tip: HTMLDivElement | null = null;

/** Shows `lines` (the first in bold) near the pointer at client position (x, y). */
export function showTooltip(lines: readonly string[], x: number, y: number): void {
  tip ??= document.body.appendChild(el('div', { class: 'tooltip', attrs: { role: 'tooltip' } }));
  tip.replaceChildren(...lines.map((line, i) => el('div', { class: i === 0 ? 'tip-title' : '', text: line })));
  tip.hidden = false;
  // Keep it on screen: flip to the left or above the pointer near the right or bottom edge.
  const { width, height } = tip.getBoundingClientRect();
  const left = x + 14 + width > window.innerWidth ? x - 14 - width : x + 14;
  const top = y + 14 + height > window.innerHeight ? y - 14 - height : y + 14;
  tip.style.left = `${Math.max(4, left)}px`;
  tip.style.top = `${Math.max(4, top)}px`;
}

/** Hides the tooltip. */
export function hideTooltip(): void {
  if (tip) tip.hidden = true;
}
