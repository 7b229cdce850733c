// The one place that writes the terminal's escape sequences: colours and styles (through node:util's styleText,
// which Node already has, so colour costs no module at start-up), erasing the line under a spinner, and OSC 8
// hyperlinks. Everything else asks the ColorScheme of IOStreams, which knows whether colour is wanted
// (NO_COLOR, CLICOLOR_FORCE, tix config color, a terminal or not); test/cli/i18n-surface.test.ts refuses
// escape codes written anywhere else.
import { styleText } from 'node:util';
import type { StatusCategory } from '../core/status.ts';

type Format = Parameters<typeof styleText>[0];

/** Colours for one stream; every method returns its text unchanged when colour is off. */
export class ColorScheme {
  readonly #on: () => boolean;

  /** `on` is asked at each use: `tix config color` may change it after the streams are made */
  constructor(on: () => boolean) {
    this.#on = on;
  }

  get enabled(): boolean {
    return this.#on();
  }

  #paint(format: Format, text: string): string {
    return text !== '' && this.#on() ? styleText(format, text, { validateStream: false }) : text;
  }

  bold = (text: string) => this.#paint('bold', text);
  dim = (text: string) => this.#paint('dim', text);
  red = (text: string) => this.#paint('red', text);
  green = (text: string) => this.#paint('green', text);
  yellow = (text: string) => this.#paint('yellow', text);
  blue = (text: string) => this.#paint('blue', text);
  cyan = (text: string) => this.#paint('cyan', text);
  magenta = (text: string) => this.#paint('magenta', text);
  gray = (text: string) => this.#paint('gray', text);
  /** a JSON key: bold blue */
  key = (text: string) => this.#paint(['bold', 'blue'], text);

  /** Colours follow what a status means, so every helpdesk's statuses read alike. */
  status(category: StatusCategory, text: string): string {
    switch (category) {
      case 'new':
        return this.yellow(text);
      case 'waiting':
        return this.#paint(['bold', 'green'], text);
      case 'open':
        return this.cyan(text);
      case 'resolved':
        return this.green(text);
      case 'closed':
        return this.dim(text);
    }
  }
}

/** Back to the start of the line and clear it: what a spinner or a progress line leaves behind. */
export const ERASE_LINE = '\r\u001b[K';

/** Text that links to `url` in terminals that show OSC 8 hyperlinks. */
export function hyperlink(url: string, text: string): string {
  return `\u001b]8;;${url}\u0007${text}\u001b]8;;\u0007`;
}
