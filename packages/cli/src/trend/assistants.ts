// The AI assistants a commit's trailers name: data (patterns and display names), compiled once per run.
import { ConfigError } from '@plumbline/core';
import type { ResolvedConfig } from '@plumbline/core';

/**
 * Trailer lines that name an AI assistant, matched case-insensitively against each trailer of a
 * commit message; the first group names the assistant. Names that are also people's first names
 * (Claude, Devin, Jules) need the vendor's address or bot name beside them.
 */
export const DEFAULT_ASSISTANT_PATTERNS: readonly string[] = [
  '^co-authored-by:.*\\b(copilot)\\b',
  '^co-authored-by:.*\\b(claude)\\b.*anthropic\\.com',
  '^co-authored-by:.*\\b(cursor)\\b',
  '^co-authored-by:.*\\b(codex)\\b',
  '^co-authored-by:.*\\b(gemini)\\b',
  '^co-authored-by:.*\\b(aider)\\b',
  '^co-authored-by:.*\\b(devin)-ai',
  '^co-authored-by:.*\\b(jules)\\b.*google',
  '^co-authored-by:.*\\b(windsurf|codeium)\\b',
  '^co-authored-by:.*\\b(chatgpt|openai)\\b',
  '^co-authored-by:.*\\b(amazon q)\\b',
  '^(?:ai-)?(?:assisted|generated)-by:\\s*([^<]+?)\\s*(?:<.*)?$',
];

const ASSISTANT_NAMES: Record<string, string> = {
  copilot: 'Copilot',
  claude: 'Claude',
  cursor: 'Cursor',
  codex: 'Codex',
  gemini: 'Gemini',
  aider: 'Aider',
  devin: 'Devin',
  jules: 'Jules',
  windsurf: 'Windsurf',
  codeium: 'Codeium',
  chatgpt: 'ChatGPT',
  openai: 'OpenAI',
  'amazon q': 'Amazon Q',
};

/** Compiles assistant patterns (config `history.assistantPatterns` or the defaults); a bad one is a config error. */
export function compileAssistantPatterns(config: ResolvedConfig): RegExp[] {
  const sources = config.historyAssistantPatterns ?? DEFAULT_ASSISTANT_PATTERNS;
  return sources.map((p, i) => {
    try {
      return new RegExp(p, 'i');
    } catch (e) {
      throw new ConfigError(
        config.file ?? 'plumbline.config.json',
        `history.assistantPatterns.${i}`,
        `not a valid regular expression (${(e as Error).message})`,
      );
    }
  });
}

/** The assistant a commit's trailers name, or null. */
export function assistantOf(trailers: string, patterns: readonly RegExp[]): string | null {
  for (const line of trailers.split('\n')) {
    const l = line.trim();
    if (!l) continue;
    for (const p of patterns) {
      const m = p.exec(l);
      if (!m) continue;
      const name = (m[1] ?? m[0]).trim();
      return ASSISTANT_NAMES[name.toLowerCase()] ?? name;
    }
  }
  return null;
}
