/** The port the assistant phrases answers through; only model adapters import an SDK. */
export interface LanguageModel {
  readonly name: string;
  /** Resolves with the model's text; rejects on error or when `timeoutMs` passes. */
  complete(prompt: { system: string; user: string }, options: { timeoutMs: number }): Promise<string>;
}
