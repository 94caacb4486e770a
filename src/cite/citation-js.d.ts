// The part of citation-js (plain JavaScript, no type declarations) that Kitap uses.
declare module 'citation-js' {
  interface Registry {
    add(name: string, value: string): void;
    has(name: string): boolean;
  }
  interface OutputOptions {
    template?: string;
    lang?: string;
    format?: 'text' | 'html' | 'string' | 'object';
    type?: string;
  }
  class Cite {
    constructor(data: unknown);
    data: Array<Record<string, unknown>>;
    format(format: 'bibtex' | 'ris' | 'data' | 'bibliography' | string, options?: OutputOptions): string;
    /** Parses input of any known format; forceType names it ('@ris/file', '@biblatex/text', '@csl/list+object'). */
    static async(data: unknown, options?: { forceType?: string }): Promise<Cite>;
    static plugins: {
      config: {
        get(name: '@csl'): { templates: Registry; locales: Registry };
        get(name: '@bibtex'): { format: { asciiOnly: boolean; useIdAsLabel: boolean; checkLabel: boolean } };
      };
    };
  }
  export default Cite;
}
