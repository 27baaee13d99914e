// Command-line entry for the stand-in (bundled to out/standin/cli.js):
//   node out/standin/cli.js [--port N] [--demo]
// Prints exactly one line, `STANDIN_URL=<baseUrl>`, once listening on 127.0.0.1; closes on SIGINT/SIGTERM.
// `--demo` answers with the rule-based demo "model" instead of the fixed default answers.
import { StandIn } from './server';
import { demoChatResponder, demoResponder } from './demo';

interface CliOptions { port: number; demo: boolean }

function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, demo: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--demo') options.demo = true;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      const port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${String(value)}`);
      options.port = port;
    } else throw new Error(`unknown argument: ${arg} (usage: cli.js [--port N] [--demo])`);
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const standIn = await StandIn.start({ port: options.port });
  if (options.demo) {
    standIn.onCompletion(demoResponder);
    standIn.onChat(demoChatResponder);
  }
  // Keep the request log bounded: a long `npm start` session would otherwise keep every prompt in memory.
  const trim = setInterval(() => { if (standIn.requests.length > 1000) standIn.requests.splice(0, standIn.requests.length - 100); }, 10_000);
  trim.unref();
  process.stdout.write(`STANDIN_URL=${standIn.baseUrl}\n`);
  const stop = (): void => {
    clearInterval(trim);
    standIn.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`stand-in: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
