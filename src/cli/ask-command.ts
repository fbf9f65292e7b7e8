import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import type { Answer } from '../assistant/answer';
import { createAssistant } from '../assistant/assistant';
import { loadKnowledge } from '../assistant/knowledge';
import { openAiModel } from '../assistant/model/openai-model';
import { isAppError } from '../kernel/errors';
import { openStore } from '../store/open-store';
import type { Store } from '../store/port';
import { type CommandContext, type CommandDeps, commandContext } from './context';
import { println } from './io';

/** The store when it can be had: ask still answers from the catalog when it cannot (e.g. locked by a running bot). */
async function optionalStore(ctx: CommandContext, deps: CommandDeps): Promise<Store | undefined> {
  try {
    return await openStore(ctx.config.store, ctx.log);
  } catch (err) {
    if (!isAppError(err, 'store_locked') && !isAppError(err, 'store_unavailable')) throw err;
    println(
      deps.io.stderr,
      `controlbot: answering from the catalog only; unanswered questions are not recorded (${err.message})`,
    );
    return undefined;
  }
}

const contract = (a: Answer) => ({
  question: a.question,
  confident: a.confident,
  controls: a.controls,
  answer: a.answer,
});

export function askCommand(program: Command, deps: CommandDeps): void {
  program
    .command('ask')
    .description('answer a question from the catalog; with no question, one per line from standard input')
    .argument('[question...]', 'the question')
    .option('--json', 'print {question, confident, controls, answer} as one JSON object per question')
    .action(async (words: string[], opts: { json?: boolean }) => {
      const ctx = commandContext(deps);
      const store = await optionalStore(ctx, deps);
      try {
        const knowledge = await loadKnowledge({ importedControls: store?.importedControls });
        const model = ctx.config.model ? openAiModel(ctx.config.model) : undefined;
        const assistant = createAssistant({ ...knowledge, model, questions: store?.questions, log: ctx.log });
        const print = (a: Answer) => {
          if (opts.json) return void println(deps.io.stdout, JSON.stringify(contract(a)));
          println(deps.io.stdout, a.answer);
          if (a.controls.length > 0) println(deps.io.stdout, `\nControls: ${a.controls.map((c) => c.id).join(', ')}`);
        };
        if (words.length > 0) return print(await assistant.ask(words.join(' ')));
        const lines = createInterface({ input: deps.io.stdin, crlfDelay: Number.POSITIVE_INFINITY });
        for await (const line of lines) if (line.trim()) print(await assistant.ask(line.trim()));
      } finally {
        await store?.close();
      }
    });
}
