// The shape of one `kitap` sub-command. Each capability keeps its command beside its code
// (src/<capability>/command.ts) and src/main.ts lists them.
export interface Command {
  name: string;
  /** One line for `kitap --help`. */
  summary: string;
  /** The full text for `kitap <name> --help`. */
  usage: string;
  /** Runs the command; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** Thrown for wrong arguments: main prints the message and the usage, exit code 2. */
export class UsageError extends Error {}
