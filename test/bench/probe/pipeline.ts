/**
 * Probe build (variants.ts): the real pipeline, logging when VS Code calls the provider and when it returns, and
 * when a document change reaches the extension host. Times are wall-clock milliseconds
 * (performance.timeOrigin + performance.now()), comparable with the page's and the stand-in's.
 */
import * as vscode from 'vscode';
import { CompletionInput, CompletionPipeline as RealPipeline, CompletionResult } from '../../../src/core/completion/pipeline';

export * from '../../../src/core/completion/pipeline';

export const probeNow = (): string => (performance.timeOrigin + performance.now()).toFixed(1);

vscode.workspace.onDidChangeTextDocument((event) => {
  if (event.document.uri.scheme !== 'output') console.log(`BENCH_PROBE change ${probeNow()}`);
});

export class CompletionPipeline extends RealPipeline {
  override async run(input: CompletionInput, signal: AbortSignal): Promise<CompletionResult> {
    console.log(`BENCH_PROBE call ${probeNow()}`);
    const result = await super.run(input, signal);
    console.log(`BENCH_PROBE return ${probeNow()} ${result.kind}`);
    return result;
  }
}
