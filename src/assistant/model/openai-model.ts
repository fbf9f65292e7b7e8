import OpenAI from 'openai';
import type { ModelConfig } from '../../config/config';
import type { LanguageModel } from './language-model';

/** Any OpenAI-compatible chat completions endpoint (OpenAI, Azure-compatible gateways, vLLM, Ollama, ...). */
export function openAiModel(config: ModelConfig, options: { fetch?: typeof fetch } = {}): LanguageModel {
  const client = new OpenAI({ apiKey: config.apiKey, baseURL: config.baseUrl, maxRetries: 0, fetch: options.fetch });
  return {
    name: config.model,
    async complete(prompt, { timeoutMs }) {
      const response = await client.chat.completions.create(
        {
          model: config.model,
          temperature: 0.2,
          messages: [
            { role: 'system', content: prompt.system },
            { role: 'user', content: prompt.user },
          ],
        },
        { timeout: timeoutMs, maxRetries: 0 },
      );
      const text = response.choices[0]?.message?.content?.trim();
      if (!text) throw new Error('the model returned no text');
      return text;
    },
  };
}
